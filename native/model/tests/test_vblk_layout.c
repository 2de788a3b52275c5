/* A vblk stripes ws_opt-sector units round-robin over its chunks: after a vblk write, each unit
 * reads back from chunk (unit % nchunks) at sector (unit / nchunks) * ws_opt; the vblk reads its
 * bytes back in order; write and read advance their positions. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL); /* ws_opt 8, nsectr 64 */
	struct nvm_addr chunks[3] = { h_addr(0, 0, 1, 0), h_addr(1, 1, 2, 0), h_addr(0, 1, 5, 0) };
	struct nvm_vblk *vblk = nvm_vblk_alloc(dev, chunks, 3);
	const size_t nbytes = 3 * 64 * 4096, unit = 8 * 4096;
	char *wbuf = nvm_buf_alloc(dev, nbytes, NULL), *rbuf = nvm_buf_alloc(dev, nbytes, NULL);

	CHECK(vblk);
	CHECK_EQ(nvm_vblk_get_nbytes(vblk), nbytes);
	CHECK_EQ(nvm_vblk_get_naddrs(vblk), 3);
	CHECK(nvm_vblk_get_dev(vblk) == dev);
	CHECK_EQ(nvm_vblk_get_addrs(vblk)[1].val, chunks[1].val);
	h_fill(wbuf, nbytes, 31);
	CHECK_EQ(nvm_vblk_write(vblk, wbuf, nbytes / 2), (ssize_t)(nbytes / 2));
	CHECK_EQ(nvm_vblk_get_pos_write(vblk), nbytes / 2);
	CHECK_EQ(nvm_vblk_write(vblk, wbuf + nbytes / 2, nbytes / 2), (ssize_t)(nbytes / 2));
	for (size_t u = 0; u < nbytes / unit; ++u) {
		struct nvm_addr at = chunks[u % 3];

		at.l.sectr = (u / 3) * 8;
		CHECK_EQ(h_read(dev, at, 8, rbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
		CHECK(memcmp(rbuf, wbuf + u * unit, unit) == 0);
	}
	for (unsigned i = 0; i < 3; ++i)
		CHECK_EQ(h_descr(dev, chunks[i]).cs, NVM_CHUNK_STATE_CLOSED);
	memset(rbuf, 0, nbytes);
	CHECK_EQ(nvm_vblk_read(vblk, rbuf, nbytes), (ssize_t)nbytes);
	CHECK_EQ(nvm_vblk_get_pos_read(vblk), nbytes);
	CHECK(memcmp(rbuf, wbuf, nbytes) == 0);
	CHECK_EQ(nvm_vblk_pread(vblk, rbuf, unit, 5 * unit), (ssize_t)unit);
	CHECK(memcmp(rbuf, wbuf + 5 * unit, unit) == 0);
	CHECK_EQ(nvm_vblk_erase(vblk), (ssize_t)nbytes);
	CHECK_EQ(nvm_vblk_get_pos_write(vblk), 0);
	CHECK_EQ(h_descr(dev, chunks[2]).cs, NVM_CHUNK_STATE_FREE);
	nvm_vblk_free(vblk);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
