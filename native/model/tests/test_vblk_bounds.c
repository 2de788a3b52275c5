/* vblk calls refuse with EINVAL: chunk addresses outside the geometry, a line outside it, counts
 * or offsets that are not whole ws_opt units, ranges past the end, positions past the end. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_addr outside = h_addr(0, 2, 0, 0), inside = h_addr(0, 0, 0, 0);
	struct nvm_vblk *vblk = nvm_vblk_alloc(dev, &inside, 1);
	char *buf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	const char *out;

	errno = 0;
	CHECK(nvm_vblk_alloc(dev, &outside, 1) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(nvm_vblk_alloc(dev, &inside, 0) == NULL);
	CHECK(nvm_vblk_alloc_line(dev, 0, 2, 0, 0, 0) == NULL);
	CHECK(nvm_vblk_alloc_line(dev, 0, 0, 0, 0, 8) == NULL);
	CHECK(vblk);
	errno = 0;
	CHECK_EQ(nvm_vblk_write(vblk, buf, 4 * 4096), -1); /* half a unit */
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_vblk_pwrite(vblk, buf, 8 * 4096, 4096), -1);
	CHECK_EQ(nvm_vblk_pread(vblk, buf, 16 * 4096, 56 * 4096), -1); /* past the end */
	CHECK_EQ(h_descr(dev, inside).wp, 0);
	CHECK_EQ(nvm_vblk_set_pos_read(vblk, 64 * 4096), 0);
	CHECK_EQ(nvm_vblk_set_pos_write(vblk, 64 * 4096 + 1), -1);
	CHECK_EQ(nvm_vblk_set_async(vblk, 65537), -1);
	h_capture_begin();
	nvm_vblk_pr(vblk);
	out = h_capture_end();
	CHECK(strstr(out, "vblk:\n  dev: {pmode: 'SNGL'}\n  nblks: 1\n"));
	CHECK(strstr(out, "pos_read: 262144\n"));
	nvm_vblk_free(vblk);
	nvm_vblk_free(NULL);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
