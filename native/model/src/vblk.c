/*
 * vblk.c: virtual blocks (nvm_vblk_*): a set of chunks addressed as one byte range, striped in
 * units of ws_opt sectors round-robin over the chunks (see liblightnvm.h for the mapping), over
 * the synchronous commands or, after nvm_vblk_set_async, an async context of the vblk's own.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define LNM_VBLK_NCHUNKS_MAX 128

/* One in-flight async command of a vblk; free ones form a stack. */
struct lnm_vblk_io {
	struct nvm_ret ret;
	struct nvm_vblk *vblk;
	struct lnm_vblk_io *next_free;
};

struct nvm_vblk {
	struct nvm_dev *dev;
	struct nvm_addr blks[LNM_VBLK_NCHUNKS_MAX];
	int nblks;
	size_t nbytes;
	size_t pos_write;
	size_t pos_read;
	uint16_t flags; /* NVM_CMD_VECTOR or NVM_CMD_SCALAR */
	struct nvm_async_ctx *ctx;
	struct lnm_vblk_io *ios;
	struct lnm_vblk_io *free_ios;
	uint64_t nerr; /* failed async commands of the current operation */
};

/* The geometry facts one I/O operation needs. */
struct lnm_vblk_layout {
	size_t nbytes;	     /* per sector */
	size_t nbytes_oob;   /* per sector */
	size_t unit_nsectr;  /* ws_opt: sectors of one stripe unit */
	size_t cmd_nsectr;   /* sectors per command: the unit, split to fit NVM_NADDR_MAX */
	size_t chunk_nsectr; /* nsectr */
};

static void lnm_vblk_layout(const struct nvm_vblk *vblk, struct lnm_vblk_layout *l)
{
	const struct lnm_media *md = vblk->dev->md;
	size_t cmd = md->sb.ws_opt;

	if (cmd > NVM_NADDR_MAX)
		cmd = NVM_NADDR_MAX - NVM_NADDR_MAX % md->sb.ws_min;
	while (cmd > md->sb.ws_min && md->sb.ws_opt % cmd)
		cmd -= md->sb.ws_min;
	if (!cmd)
		cmd = md->sb.ws_min; /* ws_min > NVM_NADDR_MAX: no command fits (lnm_vblk_io
					refuses) */
	l->nbytes = md->sb.nbytes;
	l->nbytes_oob = md->sb.nbytes_oob;
	l->unit_nsectr = md->sb.ws_opt;
	l->cmd_nsectr = cmd;
	l->chunk_nsectr = md->sb.nsectr;
}

/* The address of virtual sector v. */
static struct nvm_addr lnm_vblk_addr(const struct nvm_vblk *vblk, const struct lnm_vblk_layout *l,
				     size_t v)
{
	const size_t unit = v / l->unit_nsectr;
	struct nvm_addr addr = vblk->blks[unit % (size_t)vblk->nblks];

	addr.l.sectr = (unit / (size_t)vblk->nblks) * l->unit_nsectr + v % l->unit_nsectr;
	return addr;
}

static struct nvm_vblk *lnm_vblk_new(struct nvm_dev *dev)
{
	struct nvm_vblk *vblk;

	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	vblk = calloc(1, sizeof(*vblk));
	if (!vblk)
		return NULL;
	vblk->dev = dev;
	vblk->flags = NVM_CMD_VECTOR;
	return vblk;
}

static struct nvm_vblk *lnm_vblk_finish_alloc(struct nvm_vblk *vblk)
{
	const struct lnm_sb *sb = &vblk->dev->md->sb;

	for (int i = 0; i < vblk->nblks; ++i) {
		vblk->blks[i].l.sectr = 0;
		if (nvm_addr_check(vblk->blks[i], vblk->dev)) {
			free(vblk);
			errno = EINVAL;
			return NULL;
		}
	}
	vblk->nbytes = (size_t)vblk->nblks * sb->nsectr * sb->nbytes;
	return vblk;
}

struct nvm_vblk *nvm_vblk_alloc(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs)
{
	struct nvm_vblk *vblk;

	if (naddrs < 1 || naddrs > LNM_VBLK_NCHUNKS_MAX || !addrs) {
		errno = EINVAL;
		return NULL;
	}
	vblk = lnm_vblk_new(dev);
	if (!vblk)
		return NULL;
	memcpy(vblk->blks, addrs, (size_t)naddrs * sizeof(addrs[0]));
	vblk->nblks = naddrs;
	return lnm_vblk_finish_alloc(vblk);
}

struct nvm_vblk *nvm_vblk_alloc_line(struct nvm_dev *dev, int ch_bgn, int ch_end, int lun_bgn,
				     int lun_end, int blk)
{
	struct nvm_vblk *vblk;

	if (ch_bgn < 0 || lun_bgn < 0 || blk < 0 || ch_end < ch_bgn || lun_end < lun_bgn ||
	    (size_t)(ch_end - ch_bgn + 1) * (size_t)(lun_end - lun_bgn + 1) >
		    LNM_VBLK_NCHUNKS_MAX) {
		errno = EINVAL;
		return NULL;
	}
	vblk = lnm_vblk_new(dev);
	if (!vblk)
		return NULL;
	for (int punit = lun_bgn; punit <= lun_end; ++punit) {
		for (int pugrp = ch_bgn; pugrp <= ch_end; ++pugrp) {
			struct nvm_addr *a = &vblk->blks[vblk->nblks++];

			a->val = 0;
			a->l.pugrp = (uint64_t)pugrp;
			a->l.punit = (uint64_t)punit;
			a->l.chunk = (uint64_t)blk;
		}
	}
	return lnm_vblk_finish_alloc(vblk);
}

static void lnm_vblk_async_free(struct nvm_vblk *vblk)
{
	if (vblk->ctx)
		nvm_async_term(vblk->dev, vblk->ctx);
	free(vblk->ios);
	vblk->ctx = NULL;
	vblk->ios = NULL;
	vblk->free_ios = NULL;
}

int nvm_vblk_set_async(struct nvm_vblk *vblk, uint32_t depth)
{
	struct nvm_async_ctx *ctx;
	struct lnm_vblk_io *ios;

	if (!vblk || depth > LNM_ASYNC_DEPTH_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (!depth)
		depth = LNM_ASYNC_DEPTH_DEFAULT;
	ctx = nvm_async_init(vblk->dev, depth, 0);
	if (!ctx)
		return -1;
	ios = calloc(depth, sizeof(*ios));
	if (!ios) {
		nvm_async_term(vblk->dev, ctx);
		errno = ENOMEM;
		return -1;
	}
	lnm_vblk_async_free(vblk);
	vblk->ctx = ctx;
	vblk->ios = ios;
	for (uint32_t i = 0; i < depth; ++i) {
		ios[i].vblk = vblk;
		ios[i].next_free = i + 1 < depth ? &ios[i + 1] : NULL;
	}
	vblk->free_ios = ios;
	return 0;
}

int nvm_vblk_set_scalar(struct nvm_vblk *vblk)
{
	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	vblk->flags = NVM_CMD_SCALAR;
	return 0;
}

void nvm_vblk_free(struct nvm_vblk *vblk)
{
	if (!vblk)
		return;
	lnm_vblk_async_free(vblk);
	free(vblk);
}

static void lnm_vblk_async_cb(struct nvm_ret *ret, void *cb_arg)
{
	struct lnm_vblk_io *io = cb_arg;

	if (ret->status)
		++io->vblk->nerr;
	io->next_free = io->vblk->free_ios;
	io->vblk->free_ios = io;
}

/* A free async slot, poking (and at worst waiting) until one frees. NULL with errno. */
static struct lnm_vblk_io *lnm_vblk_io_get(struct nvm_vblk *vblk)
{
	while (!vblk->free_ios) {
		int n = nvm_async_poke(vblk->dev, vblk->ctx, 0);

		if (n < 0 || (!n && nvm_async_wait(vblk->dev, vblk->ctx) < 0))
			return NULL;
	}
	return vblk->free_ios;
}

/* Issue one read, write or reset of naddrs addresses (scalar: addrs[0] on), synchronously or on
 * the vblk's context. Returns 0 when issued (a sync media error counts in vblk->nerr), or -1. */
static int lnm_vblk_cmd(struct nvm_vblk *vblk, uint8_t opc, struct nvm_addr *addrs, int naddrs,
			void *data, void *meta)
{
	const uint16_t mode = opc == LNM_OPC_ERASE ? NVM_CMD_VECTOR : vblk->flags;
	struct nvm_ret sync_ret, *ret = &sync_ret;
	struct lnm_vblk_io *io = NULL;
	uint16_t flags = mode | NVM_CMD_SYNC;
	int rc;

	if (vblk->ctx) {
		io = lnm_vblk_io_get(vblk);
		if (!io)
			return -1;
		ret = &io->ret;
		memset(ret, 0, sizeof(*ret));
		ret->async.ctx = vblk->ctx;
		ret->async.cb = lnm_vblk_async_cb;
		ret->async.cb_arg = io;
		flags = mode | NVM_CMD_ASYNC;
	}
	switch (opc) {
	case LNM_OPC_READ:
		rc = nvm_cmd_read(vblk->dev, addrs, naddrs, data, meta, flags, ret);
		break;
	case LNM_OPC_WRITE:
		rc = nvm_cmd_write(vblk->dev, addrs, naddrs, data, meta, flags, ret);
		break;
	default:
		rc = nvm_cmd_erase(vblk->dev, addrs, naddrs, NULL, flags, ret);
		break;
	}
	if (!rc) {
		if (io)
			vblk->free_ios = io->next_free;
		return 0;
	}
	if (!io && errno == EIO) { /* a media error of a synchronous command */
		++vblk->nerr;
		return 0;
	}
	return -1;
}

/* Wait for the vblk's async commands; then -1 with EIO if any command of the operation failed. */
static int lnm_vblk_settle(struct nvm_vblk *vblk)
{
	if (vblk->ctx && nvm_async_wait(vblk->dev, vblk->ctx) < 0)
		return -1;
	if (vblk->nerr) {
		errno = EIO;
		return -1;
	}
	return 0;
}

ssize_t nvm_vblk_erase(struct nvm_vblk *vblk)
{
	int per_cmd;

	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	per_cmd = nvm_dev_get_erase_naddrs_max(vblk->dev);
	vblk->nerr = 0;
	for (int off = 0; off < vblk->nblks; off += per_cmd) {
		int n = vblk->nblks - off < per_cmd ? vblk->nblks - off : per_cmd;

		if (lnm_vblk_cmd(vblk, LNM_OPC_ERASE, &vblk->blks[off], n, NULL, NULL))
			return -1;
	}
	if (lnm_vblk_settle(vblk))
		return -1;
	vblk->pos_write = 0;
	vblk->pos_read = 0;
	return (ssize_t)vblk->nbytes;
}

/* Check that [offset, offset + count) is whole stripe units inside the vblk. */
static int lnm_vblk_range_check(const struct nvm_vblk *vblk, const struct lnm_vblk_layout *l,
				size_t count, size_t offset)
{
	const size_t unit_nbytes = l->unit_nsectr * l->nbytes;

	if (l->cmd_nsectr > NVM_NADDR_MAX || count % unit_nbytes || offset % unit_nbytes ||
	    offset > vblk->nbytes || count > vblk->nbytes - offset) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Read or write count bytes at offset, a command per cmd_nsectr sectors of one unit. A write
 * with buf NULL writes pattern (one command's worth, reused). */
static ssize_t lnm_vblk_io(struct nvm_vblk *vblk, uint8_t opc, char *buf, size_t count,
			   size_t offset)
{
	struct lnm_vblk_layout l;
	char *pattern = NULL, *meta = NULL;
	ssize_t result = -1;

	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	lnm_vblk_layout(vblk, &l);
	if (lnm_vblk_range_check(vblk, &l, count, offset))
		return -1;
	if (opc == LNM_OPC_WRITE && !buf) {
		pattern = nvm_buf_alloc(vblk->dev, l.cmd_nsectr * l.nbytes, NULL);
		if (!pattern)
			return -1;
		nvm_buf_fill(pattern, l.cmd_nsectr * l.nbytes);
	}
	if (opc == LNM_OPC_WRITE && vblk->dev->meta_mode != NVM_META_MODE_NONE && l.nbytes_oob) {
		const size_t meta_nbytes = l.cmd_nsectr * l.nbytes_oob;

		meta = nvm_buf_alloc(vblk->dev, meta_nbytes, NULL);
		if (!meta)
			goto out;
		if (vblk->dev->meta_mode == NVM_META_MODE_ALPHA)
			nvm_buf_fill(meta, meta_nbytes);
		else
			memset(meta, 'A' + (int)(meta_nbytes % 20), meta_nbytes);
	}
	vblk->nerr = 0;
	for (size_t done = 0; done < count; done += l.cmd_nsectr * l.nbytes) {
		const size_t v = (offset + done) / l.nbytes;
		struct nvm_addr addrs[NVM_NADDR_MAX];
		char *data = pattern ? pattern : buf + done;

		for (size_t i = 0; i < l.cmd_nsectr; ++i)
			addrs[i] = lnm_vblk_addr(vblk, &l, v + i);
		if (lnm_vblk_cmd(vblk, opc, addrs, (int)l.cmd_nsectr, data, meta))
			goto out;
	}
	if (!lnm_vblk_settle(vblk))
		result = (ssize_t)count;
out:
	if (result < 0 && vblk->ctx) { /* nothing may stay in flight over freed buffers */
		int err = errno;

		nvm_async_wait(vblk->dev, vblk->ctx);
		errno = err;
	}
	nvm_buf_free(vblk->dev, pattern);
	nvm_buf_free(vblk->dev, meta);
	return result;
}

ssize_t nvm_vblk_pwrite(struct nvm_vblk *vblk, const void *buf, size_t count, size_t offset)
{
	return lnm_vblk_io(vblk, LNM_OPC_WRITE, (char *)buf, count, offset);
}

ssize_t nvm_vblk_write(struct nvm_vblk *vblk, const void *buf, size_t count)
{
	ssize_t n;

	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	n = nvm_vblk_pwrite(vblk, buf, count, vblk->pos_write);
	if (n > 0)
		vblk->pos_write += (size_t)n;
	return n;
}

ssize_t nvm_vblk_pad(struct nvm_vblk *vblk)
{
	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	return nvm_vblk_write(vblk, NULL, vblk->nbytes - vblk->pos_write);
}

ssize_t nvm_vblk_pread(struct nvm_vblk *vblk, void *buf, size_t count, size_t offset)
{
	if (!buf) {
		errno = EINVAL;
		return -1;
	}
	return lnm_vblk_io(vblk, LNM_OPC_READ, buf, count, offset);
}

ssize_t nvm_vblk_read(struct nvm_vblk *vblk, void *buf, size_t count)
{
	ssize_t n;

	if (!vblk) {
		errno = EINVAL;
		return -1;
	}
	n = nvm_vblk_pread(vblk, buf, count, vblk->pos_read);
	if (n > 0)
		vblk->pos_read += (size_t)n;
	return n;
}

ssize_t nvm_vblk_copy(struct nvm_vblk *src, struct nvm_vblk *dst, int flags)
{
	struct lnm_vblk_layout l;
	size_t nsectrs;
	uint64_t nerr = 0;

	(void)flags;
	if (!src || !dst || src->dev->md != dst->dev->md || src->nblks != dst->nblks) {
		errno = EINVAL;
		return -1;
	}
	if (!(src->dev->md->sb.mccap & NVM_MCCAP_VCOPY)) {
		errno = ENOTSUP;
		return -1;
	}
	lnm_vblk_layout(src, &l);
	if (l.cmd_nsectr > NVM_NADDR_MAX) {
		errno = EINVAL;
		return -1;
	}
	nsectrs = src->nbytes / l.nbytes;
	for (size_t v = 0; v < nsectrs; v += l.cmd_nsectr) {
		struct nvm_addr from[NVM_NADDR_MAX], to[NVM_NADDR_MAX];
		struct nvm_ret ret;

		for (size_t i = 0; i < l.cmd_nsectr; ++i) {
			from[i] = lnm_vblk_addr(src, &l, v + i);
			to[i] = lnm_vblk_addr(dst, &l, v + i);
		}
		if (nvm_cmd_copy(src->dev, from, to, (int)l.cmd_nsectr, NVM_CMD_VECTOR, &ret)) {
			if (errno != EIO)
				return -1;
			++nerr;
		}
	}
	if (nerr) {
		errno = EIO;
		return -1;
	}
	dst->pos_write = dst->nbytes;
	return (ssize_t)dst->nbytes;
}

struct nvm_dev *nvm_vblk_get_dev(struct nvm_vblk *vblk)
{
	return vblk ? vblk->dev : NULL;
}

struct nvm_addr *nvm_vblk_get_addrs(struct nvm_vblk *vblk)
{
	return vblk ? vblk->blks : NULL;
}

int nvm_vblk_get_naddrs(struct nvm_vblk *vblk)
{
	return vblk ? vblk->nblks : -1;
}

size_t nvm_vblk_get_nbytes(struct nvm_vblk *vblk)
{
	return vblk ? vblk->nbytes : 0;
}

size_t nvm_vblk_get_pos_read(struct nvm_vblk *vblk)
{
	return vblk ? vblk->pos_read : 0;
}

size_t nvm_vblk_get_pos_write(struct nvm_vblk *vblk)
{
	return vblk ? vblk->pos_write : 0;
}

int nvm_vblk_set_pos_read(struct nvm_vblk *vblk, size_t pos)
{
	if (!vblk || pos > vblk->nbytes) {
		errno = EINVAL;
		return -1;
	}
	vblk->pos_read = pos;
	return 0;
}

int nvm_vblk_set_pos_write(struct nvm_vblk *vblk, size_t pos)
{
	if (!vblk || pos > vblk->nbytes) {
		errno = EINVAL;
		return -1;
	}
	vblk->pos_write = pos;
	return 0;
}

void nvm_vblk_pr(struct nvm_vblk *vblk)
{
	if (!vblk) {
		printf("vblk: ~\n");
		return;
	}
	printf("vblk:\n");
	printf("  dev: {pmode: '%s'}\n", nvm_pmode_str(nvm_dev_get_pmode(vblk->dev)));
	printf("  nblks: %d\n", vblk->nblks);
	printf("  nmbytes: %zu\n", vblk->nbytes >> 20);
	printf("  pos_write: %zu\n", vblk->pos_write);
	printf("  pos_read: %zu\n", vblk->pos_read);
	printf("  flags: 0x%08x\n", vblk->flags);
	nvm_addr_prn(vblk->blks, (unsigned)vblk->nblks, vblk->dev);
}
