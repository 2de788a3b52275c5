/* A write whose chunk run is not a multiple of ws_min fails with 0x002 (invalid field) and
 * changes nothing (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 8 * 4096, NULL);

	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr chunk = h_addr(0, 0, (unsigned)m, 0);
		uint16_t status = 0;

		for (int n = 1; n < 8; ++n) {
			if (n == 4)
				continue;
			CHECK_EQ(h_write(dev, chunk, n, buf, NULL, h_modes[m], &status), -1);
			CHECK_EQ(status, NVM_STATUS_INVALID_FIELD);
			CHECK_EQ(h_descr(dev, chunk).wp, 0);
			CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_FREE);
		}
		CHECK_EQ(h_write(dev, chunk, 8, buf, NULL, h_modes[m], &status), 0);
		CHECK_EQ(h_descr(dev, chunk).wp, 8);
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
