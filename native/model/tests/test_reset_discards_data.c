/* After a reset the chunk's old data is gone: reads return zeros (also its metadata), and a
 * rewrite from sector 0 reads back the new data only. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *wmeta = nvm_buf_alloc(dev, 64 * 16, NULL);
	char *rmeta = nvm_buf_alloc(dev, 64 * 16, NULL);
	struct nvm_addr chunk = h_addr(1, 1, 2, 0);

	h_fill(wbuf, 64 * 4096, 21);
	h_fill(wmeta, 64 * 16, 22);
	for (unsigned s = 0; s < 64; s += 16)
		CHECK_EQ(h_write(dev, h_addr(1, 1, 2, s), 16, wbuf + s * 4096, wmeta + s * 16,
				 NVM_CMD_VECTOR, NULL),
			 0);
	CHECK_EQ(h_read(dev, chunk, 16, rbuf, rmeta, NVM_CMD_SCALAR, NULL), 0);
	CHECK(memcmp(rmeta, wmeta, 16 * 16) == 0);
	CHECK_EQ(h_erase(dev, chunk, NVM_CMD_VECTOR, NULL), 0);
	for (unsigned s = 0; s < 64; s += 16) {
		memset(rbuf, 0x5A, 16 * 4096);
		CHECK_EQ(h_read(dev, h_addr(1, 1, 2, s), 16, rbuf, rmeta, NVM_CMD_SCALAR, NULL), 0);
		CHECK(h_is_zero(rbuf, 16 * 4096));
		CHECK(h_is_zero(rmeta, 16 * 16));
	}
	/* rewrite half the chunk without metadata: the old metadata does not come back */
	h_fill(wbuf, 32 * 4096, 23);
	CHECK_EQ(h_write(dev, chunk, 32, wbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK_EQ(
		h_write(dev, h_addr(1, 1, 2, 32), 32, wbuf + 32 * 4096, NULL, NVM_CMD_SCALAR, NULL),
		0);
	CHECK_EQ(h_read(dev, chunk, 32, rbuf, rmeta, NVM_CMD_VECTOR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf, 32 * 4096) == 0);
	CHECK(h_is_zero(rmeta, 32 * 16));
	nvm_buf_free(dev, rmeta);
	nvm_buf_free(dev, wmeta);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
