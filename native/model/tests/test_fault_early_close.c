/* An injected early close: the next write to the chunk applies, then the chunk is CLOSED at that
 * write pointer and the write completes with 0x2F1; the data reads back; it happens once. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev;
	char *wbuf, *rbuf;
	uint16_t status;
	struct nvm_spec_rprt_descr d;

	h_fault(path, "early-close 1/1/6");
	dev = nvm_dev_open(path);
	CHECK(dev);
	wbuf = nvm_buf_alloc(dev, 16 * 4096, NULL);
	rbuf = nvm_buf_alloc(dev, 16 * 4096, NULL);
	h_fill(wbuf, 16 * 4096, 4);
	CHECK_EQ(h_write(dev, h_addr(1, 1, 6, 0), 16, wbuf, NULL, NVM_CMD_SCALAR, &status), -1);
	CHECK_EQ(status, NVM_STATUS_CHUNK_EARLY_CLOSE);
	d = h_descr(dev, h_addr(1, 1, 6, 0));
	CHECK_EQ(d.cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(d.wp, 16);
	CHECK_EQ(h_read(dev, h_addr(1, 1, 6, 0), 16, rbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf, 16 * 4096) == 0);
	CHECK_EQ(h_write(dev, h_addr(1, 1, 6, 16), 4, wbuf, NULL, NVM_CMD_SCALAR, &status), -1);
	CHECK_EQ(status, NVM_STATUS_WRITE_FAULT); /* closed: a plain write-to-closed error */
	CHECK_EQ(h_erase(dev, h_addr(1, 1, 6, 0), NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_write(dev, h_addr(1, 1, 6, 0), 16, wbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK_EQ(h_descr(dev, h_addr(1, 1, 6, 0)).cs, NVM_CHUNK_STATE_OPEN);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
