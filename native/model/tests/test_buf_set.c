/* A buffer set holds write and read buffers of nbytes and, only when asked for, metadata buffers;
 * nvm_buf_set_fill fills the write buffers with the alphabet and zeroes the read buffers. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_buf_set *bufs = nvm_buf_set_alloc(dev, 8192, 64);
	struct nvm_buf_set *plain = nvm_buf_set_alloc(dev, 4096, 0);

	CHECK(bufs && plain);
	CHECK(bufs->dev == dev);
	CHECK_EQ(bufs->nbytes, 8192);
	CHECK_EQ(bufs->nbytes_meta, 64);
	CHECK(bufs->write && bufs->read && bufs->write_meta && bufs->read_meta);
	CHECK(plain->write_meta == NULL && plain->read_meta == NULL);
	memset(bufs->read, 0x55, 8192);
	memset(bufs->read_meta, 0x55, 64);
	nvm_buf_set_fill(bufs);
	CHECK_EQ(bufs->write[27], 'B');
	CHECK_EQ(bufs->write_meta[2], 'C');
	CHECK(h_is_zero(bufs->read, 8192));
	CHECK(h_is_zero(bufs->read_meta, 64));
	nvm_buf_set_free(plain);
	nvm_buf_set_free(bufs);
	nvm_buf_set_free(NULL); /* ignored */
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
