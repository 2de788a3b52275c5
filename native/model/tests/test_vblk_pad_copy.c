/* nvm_vblk_pad fills a vblk from its write position with the alphabet, closing every chunk;
 * nvm_vblk_copy copies every sector to another vblk; metadata follows nvm_dev_set_meta_mode. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_vblk *src = nvm_vblk_alloc_line(dev, 0, 1, 1, 1, 4);
	struct nvm_vblk *dst = nvm_vblk_alloc_line(dev, 0, 1, 0, 0, 6);
	const size_t nbytes = 2 * 64 * 4096, unit = 8 * 4096;
	char *wbuf = nvm_buf_alloc(dev, nbytes, NULL), *rbuf = nvm_buf_alloc(dev, nbytes, NULL);
	char meta[8 * 16], alpha[8 * 16];

	CHECK(src && dst);
	CHECK_EQ(nvm_dev_set_meta_mode(dev, NVM_META_MODE_ALPHA), 0);
	h_fill(wbuf, nbytes, 5);
	CHECK_EQ(nvm_vblk_write(src, wbuf, 3 * unit), (ssize_t)(3 * unit));
	CHECK_EQ(nvm_vblk_pad(src), (ssize_t)(nbytes - 3 * unit));
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 4, 0)).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(h_descr(dev, h_addr(1, 1, 4, 0)).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(nvm_vblk_pread(src, rbuf, nbytes, 0), (ssize_t)nbytes);
	CHECK(memcmp(rbuf, wbuf, 3 * unit) == 0);
	nvm_buf_fill(wbuf, unit);
	CHECK(memcmp(rbuf + 3 * unit, wbuf, unit) == 0); /* the pattern, per command */

	CHECK_EQ(nvm_vblk_copy(src, dst, 0), (ssize_t)nbytes);
	memset(wbuf, 0, nbytes);
	CHECK_EQ(nvm_vblk_pread(dst, wbuf, nbytes, 0), (ssize_t)nbytes);
	CHECK(memcmp(rbuf, wbuf, nbytes) == 0);

	nvm_buf_fill(alpha, sizeof(alpha));
	CHECK_EQ(h_read(dev, h_addr(1, 0, 6, 8), 8, rbuf, meta, NVM_CMD_VECTOR, NULL), 0);
	CHECK(memcmp(meta, alpha, sizeof(meta)) == 0); /* copied with the data */
	nvm_vblk_free(dst);
	nvm_vblk_free(src);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
