/* nvm_bp_init_from_args opens DEV, takes NADDRS FREE chunks, a vblk over them and a buffer set
 * of its size with the write buffer filled; wrong argument counts fail with EINVAL. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL " --offline 0/0/0");
	char *argv[] = { "prog", path, "0", "3", NULL };
	struct nvm_bp *bp = nvm_bp_init_from_args(4, argv);

	CHECK(bp);
	CHECK_EQ(bp->naddrs, 3);
	CHECK_EQ(bp->ws_opt, 8);
	CHECK(bp->geo == nvm_dev_get_geo(bp->dev));
	CHECK_EQ(bp->addrs[0].val, h_addr(0, 0, 1, 0).val); /* 0/0/0 is OFFLINE */
	CHECK_EQ(nvm_vblk_get_nbytes(bp->vblk), 3 * 64 * 4096);
	CHECK_EQ(bp->bufs->nbytes, 3 * 64 * 4096);
	CHECK_EQ(bp->bufs->write[1], 'B');
	CHECK_EQ(nvm_vblk_write(bp->vblk, bp->bufs->write, bp->bufs->nbytes), 3 * 64 * 4096);
	nvm_bp_term(bp);
	errno = 0;
	CHECK(nvm_bp_init_from_args(1, argv) == NULL);
	CHECK_EQ(errno, EINVAL);
	bp = nvm_bp_init(path, 0, 1); /* the device was closed by nvm_bp_term */
	CHECK(bp);
	nvm_bp_term(bp);
	return H_EXIT_PASS;
}
