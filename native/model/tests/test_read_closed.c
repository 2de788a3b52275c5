/* A CLOSED chunk is fully readable, including its last mw_cunits sectors, byte for byte
 * (vector and scalar, DULBE on). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_addr chunk = h_addr(0, 1, 4, 0);

	h_fill(wbuf, 64 * 4096, 11);
	for (unsigned s = 0; s < 64; s += 16)
		CHECK_EQ(h_write(dev, h_addr(0, 1, 4, s), 16, wbuf + s * 4096, NULL, NVM_CMD_SCALAR,
				 NULL),
			 0);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_CLOSED);
	h_set_dulbe(dev, 1);
	for (int m = 0; m < H_NMODES; ++m) {
		memset(rbuf, 0, 64 * 4096);
		CHECK_EQ(h_read(dev, chunk, 64, rbuf, NULL, h_modes[m], NULL), 0);
		CHECK(memcmp(rbuf, wbuf, 64 * 4096) == 0);
		CHECK_EQ(h_read(dev, h_addr(0, 1, 4, 56), 8, rbuf, NULL, h_modes[m], NULL), 0);
		CHECK(memcmp(rbuf, wbuf + 56 * 4096, 8 * 4096) == 0);
	}
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
