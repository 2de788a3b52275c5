/* After nvm_vblk_set_async (any depth, 0 for the default), vblk writes, reads and erases give the
 * same results as synchronous ones, in vector and scalar mode; a failed command makes the call
 * fail with EIO. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	const size_t nbytes = 4 * 64 * 4096;
	char *wbuf = nvm_buf_alloc(dev, nbytes, NULL), *rbuf = nvm_buf_alloc(dev, nbytes, NULL);
	const uint32_t depths[] = { 0, 1, 3 };

	h_fill(wbuf, nbytes, 17);
	for (int m = 0; m < H_NMODES; ++m) {
		for (unsigned d = 0; d < 3; ++d) {
			struct nvm_vblk *vblk = nvm_vblk_alloc_line(dev, 0, 1, 0, 1,
								    (int)(m * 3 + d));

			CHECK(vblk);
			CHECK_EQ(nvm_vblk_get_naddrs(vblk), 4);
			CHECK_EQ(nvm_vblk_set_async(vblk, depths[d]), 0);
			if (h_modes[m] == NVM_CMD_SCALAR)
				CHECK_EQ(nvm_vblk_set_scalar(vblk), 0);
			CHECK_EQ(nvm_vblk_write(vblk, wbuf, nbytes), (ssize_t)nbytes);
			memset(rbuf, 0, nbytes);
			CHECK_EQ(nvm_vblk_read(vblk, rbuf, nbytes), (ssize_t)nbytes);
			CHECK(memcmp(rbuf, wbuf, nbytes) == 0);
			/* a second write of a CLOSED vblk fails on the device */
			errno = 0;
			CHECK_EQ(nvm_vblk_pwrite(vblk, wbuf, nbytes, 0), -1);
			CHECK_EQ(errno, EIO);
			CHECK_EQ(nvm_vblk_erase(vblk), (ssize_t)nbytes);
			CHECK_EQ(h_descr(dev, nvm_vblk_get_addrs(vblk)[3]).cs,
				 NVM_CHUNK_STATE_FREE);
			nvm_vblk_free(vblk);
		}
	}
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
