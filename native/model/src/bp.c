/*
 * bp.c: boilerplate for example programs (nvm_bp_*): open a device, pick FREE chunks, and set up
 * a vblk over them and a buffer set of its size.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "model.h"

void nvm_bp_term(struct nvm_bp *bp)
{
	if (!bp)
		return;
	nvm_buf_set_free(bp->bufs);
	nvm_vblk_free(bp->vblk);
	nvm_dev_close(bp->dev);
	free(bp);
}

/* Report what failed as perror does, terminate bp and keep errno. */
static struct nvm_bp *lnm_bp_fail(struct nvm_bp *bp, const char *what)
{
	int err = errno;

	perror(what);
	nvm_bp_term(bp);
	errno = err;
	return NULL;
}

struct nvm_bp *nvm_bp_init(const char *dev_ident, int flags, int naddrs)
{
	struct nvm_bp *bp;

	if (!dev_ident || naddrs < 1) {
		errno = EINVAL;
		return NULL;
	}
	bp = calloc(1, sizeof(*bp) + (size_t)naddrs * sizeof(bp->addrs[0]));
	if (!bp)
		return lnm_bp_fail(NULL, "calloc");
	bp->naddrs = (size_t)naddrs;
	bp->dev = nvm_dev_openf(dev_ident, flags);
	if (!bp->dev)
		return lnm_bp_fail(bp, "nvm_dev_openf");
	bp->geo = nvm_dev_get_geo(bp->dev);
	bp->ws_opt = nvm_dev_get_ws_opt(bp->dev);
	if (nvm_cmd_rprt_arbs(bp->dev, NVM_CHUNK_STATE_FREE, naddrs, bp->addrs))
		return lnm_bp_fail(bp, "nvm_cmd_rprt_arbs");
	bp->vblk = nvm_vblk_alloc(bp->dev, bp->addrs, naddrs);
	if (!bp->vblk)
		return lnm_bp_fail(bp, "nvm_vblk_alloc");
	bp->bufs = nvm_buf_set_alloc(bp->dev, nvm_vblk_get_nbytes(bp->vblk), 0);
	if (!bp->bufs)
		return lnm_bp_fail(bp, "nvm_buf_set_alloc");
	nvm_buf_set_fill(bp->bufs);
	return bp;
}

struct nvm_bp *nvm_bp_init_from_args(int argc, char **argv)
{
	int be_id = NVM_BE_ANY;
	int naddrs = 1;

	switch (argc) {
	case 4:
		naddrs = (int)strtol(argv[3], NULL, 10);
		/* fall through */
	case 3:
		be_id = (int)strtol(argv[2], NULL, 16);
		/* fall through */
	case 2:
		return nvm_bp_init(argv[1], be_id, naddrs);
	default:
		errno = EINVAL;
		perror("invalid argc");
		return NULL;
	}
}

void nvm_bp_pr(const struct nvm_bp *bp)
{
	if (!bp) {
		printf("nvm_bp: ~\n");
		return;
	}
	printf("nvm_bp: { ws_opt: %zu }\n", bp->ws_opt);
	nvm_dev_pr(bp->dev);
	nvm_geo_pr(bp->geo);
	nvm_buf_set_pr(bp->bufs);
	nvm_addr_prn(bp->addrs, (unsigned)bp->naddrs, bp->dev);
	nvm_vblk_pr(bp->vblk);
}
