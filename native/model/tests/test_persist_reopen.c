/* Chunk state (write pointer, state, wear index) and data survive close and reopen. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path);
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_spec_rprt_descr d;

	CHECK(dev);
	h_fill(wbuf, 64 * 4096, 71);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 2, 0), 24, wbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	h_fill_chunk(dev, h_addr(1, 0, 3, 0), 72);
	CHECK_EQ(h_erase(dev, h_addr(1, 0, 3, 0), NVM_CMD_VECTOR, NULL), 0);
	h_fill_chunk(dev, h_addr(1, 1, 4, 0), 73);
	CHECK_EQ(h_read(dev, h_addr(1, 1, 4, 0), 64, wbuf + 0, NULL, NVM_CMD_SCALAR, NULL), 0);
	nvm_dev_close(dev);

	dev = nvm_dev_open(path);
	CHECK(dev);
	d = h_descr(dev, h_addr(0, 1, 2, 0));
	CHECK_EQ(d.cs, NVM_CHUNK_STATE_OPEN);
	CHECK_EQ(d.wp, 24);
	d = h_descr(dev, h_addr(1, 0, 3, 0));
	CHECK_EQ(d.cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(d.wp, 0);
	CHECK_EQ(d.wli, 1);
	d = h_descr(dev, h_addr(1, 1, 4, 0));
	CHECK_EQ(d.cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(h_read(dev, h_addr(1, 1, 4, 0), 64, rbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf, 64 * 4096) == 0);
	/* the write pointer keeps working after reopen */
	CHECK_EQ(h_write(dev, h_addr(0, 1, 2, 24), 4, wbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 2, 24), 4, wbuf, NULL, NVM_CMD_SCALAR, NULL), -1);
	nvm_dev_close(dev);
	nvm_buf_free(NULL, rbuf);
	nvm_buf_free(NULL, wbuf);
	return H_EXIT_PASS;
}
