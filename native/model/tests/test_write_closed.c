/* A write to a CLOSED chunk fails with 0x280 and leaves it CLOSED (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr chunk = h_addr(1, 1, 7, 0);

	h_fill_chunk(dev, chunk, 1);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(h_descr(dev, chunk).wp, 64);
	for (int m = 0; m < H_NMODES; ++m) {
		const unsigned at[] = { 0, 60, 64 };

		for (int a = 0; a < 3; ++a) {
			uint16_t status = 0;

			CHECK_EQ(h_write(dev, h_addr(1, 1, 7, at[a]), 4, buf, NULL, h_modes[m],
					 &status),
				 -1);
			CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
			CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_CLOSED);
			CHECK_EQ(h_descr(dev, chunk).wp, 64);
		}
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
