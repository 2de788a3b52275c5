/*
 * commands.c: nvm_cmd_* entry points: call-shape validation, address decoding (vector and scalar
 * mode), asynchronous submission and the synchronous path, features.
 *
 * Every command runs on the workers; a synchronous call submits a command that lives on its stack
 * and sleeps until the command completes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define LNM_FEAT_ERR_REC_MASK 0x1FFFFu /* tler (bits 0-15) and dulbe (bit 16) */

struct lnm_cmd_args {
	uint8_t opc;
	struct nvm_addr *addrs;
	struct nvm_addr *dst;
	int naddrs;
	void *data;
	void *meta;
	uint16_t flags;
	uint8_t mark;
	struct nvm_ret *ret;
};

static int lnm_cmd_einval(void)
{
	errno = EINVAL;
	return -1;
}

/* Decode addresses: vector mode takes addrs[i]; scalar mode addrs[0] plus i sectors. A reset
 * always takes one chunk per address. */
static void lnm_cmd_decode(const struct lnm_media *md, struct nvm_addr *addrs, int naddrs,
			   int scalar, struct lnm_sect *sects)
{
	for (int i = 0; i < naddrs; ++i) {
		if (scalar)
			lnm_addr_decode(md, addrs[0], (uint64_t)i, &sects[i]);
		else
			lnm_addr_decode(md, addrs[i], 0, &sects[i]);
	}
}

static int lnm_cmd_wait_sync(struct nvm_dev *dev, struct lnm_cmd *cmd, struct nvm_ret *ret)
{
	sem_t done;

	sem_init(&done, 0, 0);
	cmd->sync_done = &done;
	lnm_engine_dispatch(dev->md, cmd);
	while (sem_wait(&done) && errno == EINTR)
		;
	sem_destroy(&done);
	lnm_cmd_release(cmd, true);
	if (ret) {
		ret->result.vio.cs = cmd->failed;
		ret->status = cmd->status;
	}
	if (cmd->status) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* Replace an SGL data/meta argument by a bounce buffer; a write's bytes are gathered now. 0, or
 * -1 with errno (EINVAL: the list does not hold the command's bytes; ENOMEM). */
static int lnm_cmd_sgl_prepare(struct nvm_dev *dev, struct lnm_cmd *cmd,
			       const struct lnm_cmd_args *a)
{
	const size_t nbytes = (size_t)a->naddrs * dev->md->sb.nbytes;
	const size_t nmeta = (size_t)a->naddrs * dev->md->sb.nbytes_oob;
	struct lnm_sgl_io *io = calloc(1, sizeof(*io));

	if (!io)
		return -1;
	cmd->sgl = io;
	io->nbytes = nbytes;
	io->nbytes_meta = nmeta;
	if (a->flags & NVM_CMD_SGL) {
		io->data = a->data;
		if (io->data->nbytes < nbytes)
			goto einval;
		io->bounce = malloc(nbytes);
		if (!io->bounce)
			goto enomem;
		if (a->opc == LNM_OPC_WRITE)
			lnm_sgl_gather(io->data, io->bounce, nbytes);
		cmd->data = io->bounce;
	}
	if (a->flags & NVM_CMD_SGL_META && a->meta) {
		io->meta = a->meta;
		if (io->meta->nbytes < nmeta)
			goto einval;
		io->bounce_meta = malloc(nmeta ? nmeta : 1);
		if (!io->bounce_meta)
			goto enomem;
		if (a->opc == LNM_OPC_WRITE)
			lnm_sgl_gather(io->meta, io->bounce_meta, nmeta);
		cmd->meta = io->bounce_meta;
	}
	return 0;

einval:
	lnm_cmd_release(cmd, false);
	errno = EINVAL;
	return -1;
enomem:
	lnm_cmd_release(cmd, false);
	errno = ENOMEM;
	return -1;
}

static int lnm_cmd_submit(struct nvm_dev *dev, const struct lnm_cmd_args *a)
{
	const int async = a->flags & NVM_CMD_ASYNC;
	const int scalar = (a->flags & NVM_CMD_SCALAR) && a->opc != LNM_OPC_ERASE;
	struct lnm_cmd stack_cmd;
	struct lnm_cmd *cmd;

	if (!dev || !a->addrs || a->naddrs < 1)
		return lnm_cmd_einval();
	if (a->naddrs > NVM_NADDR_MAX) {
		/* a scalar command over the transfer limit reaches the device, which rejects it */
		if (scalar && a->ret) {
			a->ret->result.vio.cs = 0;
			a->ret->status = NVM_STATUS_INVALID_FIELD;
		}
		return lnm_cmd_einval();
	}
	if ((a->flags & NVM_CMD_SYNC && async) ||
	    (a->flags & NVM_CMD_SCALAR && a->flags & NVM_CMD_VECTOR))
		return lnm_cmd_einval();
	if ((a->opc == LNM_OPC_READ || a->opc == LNM_OPC_WRITE) && !a->data)
		return lnm_cmd_einval();
	if (a->opc == LNM_OPC_COPY && !a->dst)
		return lnm_cmd_einval();
	if (a->opc == LNM_OPC_COPY && !(dev->md->sb.mccap & NVM_MCCAP_VCOPY)) {
		errno = ENOTSUP;
		return -1;
	}
	if (async) {
		if (!a->ret || !a->ret->async.ctx || a->ret->async.ctx->dev != dev)
			return lnm_cmd_einval();
		cmd = lnm_async_slot_get(a->ret->async.ctx);
		if (!cmd)
			return -1;
		cmd->ctx = a->ret->async.ctx;
		cmd->cb = a->ret->async.cb;
		cmd->cb_arg = a->ret->async.cb_arg;
	} else {
		cmd = &stack_cmd;
		cmd->ctx = NULL;
	}
	cmd->ret = a->ret;
	cmd->opc = a->opc;
	cmd->stage = 0;
	cmd->naddrs = (uint16_t)a->naddrs;
	cmd->data = a->data;
	cmd->meta = a->meta;
	cmd->copy = NULL;
	cmd->sgl = NULL;
	cmd->mark = a->mark;
	cmd->failed = 0;
	cmd->status = 0;
	lnm_cmd_decode(dev->md, a->addrs, a->naddrs, scalar, cmd->sects);
	if (a->opc == LNM_OPC_COPY) {
		const size_t nmeta = (size_t)a->naddrs * dev->md->sb.nbytes_oob;

		cmd->copy = calloc(1, sizeof(*cmd->copy));
		if (cmd->copy) {
			cmd->copy->bounce = malloc((size_t)a->naddrs * dev->md->sb.nbytes);
			cmd->copy->bounce_meta = nmeta ? malloc(nmeta) : NULL;
		}
		if (!cmd->copy || !cmd->copy->bounce || (nmeta && !cmd->copy->bounce_meta)) {
			lnm_cmd_release(cmd, false);
			if (async)
				lnm_async_slot_put(cmd->ctx, cmd);
			errno = ENOMEM;
			return -1;
		}
		lnm_cmd_decode(dev->md, a->dst, a->naddrs, scalar, cmd->copy->dst);
	}
	if (a->flags & (NVM_CMD_SGL | NVM_CMD_SGL_META) &&
	    (a->opc == LNM_OPC_READ || a->opc == LNM_OPC_WRITE) &&
	    lnm_cmd_sgl_prepare(dev, cmd, a)) {
		if (async)
			lnm_async_slot_put(cmd->ctx, cmd);
		return -1;
	}
	if (!async)
		return lnm_cmd_wait_sync(dev, cmd, a->ret);
	lnm_engine_dispatch(dev->md, cmd);
	return 0;
}

int nvm_cmd_read(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, void *data, void *meta,
		 uint16_t flags, struct nvm_ret *ret)
{
	const struct lnm_cmd_args a = {
		.opc = LNM_OPC_READ,
		.addrs = addrs,
		.naddrs = naddrs,
		.data = data,
		.meta = meta,
		.flags = flags,
		.ret = ret,
	};

	return lnm_cmd_submit(dev, &a);
}

int nvm_cmd_write(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, const void *data,
		  const void *meta, uint16_t flags, struct nvm_ret *ret)
{
	const struct lnm_cmd_args a = {
		.opc = LNM_OPC_WRITE,
		.addrs = addrs,
		.naddrs = naddrs,
		.data = (void *)data, /* never written through */
		.meta = (void *)meta,
		.flags = flags,
		.ret = ret,
	};

	return lnm_cmd_submit(dev, &a);
}

int nvm_cmd_erase(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, void *meta,
		  uint16_t flags, struct nvm_ret *ret)
{
	const struct lnm_cmd_args a = {
		.opc = LNM_OPC_ERASE,
		.addrs = addrs,
		.naddrs = naddrs,
		.meta = meta,
		.flags = flags,
		.ret = ret,
	};

	return lnm_cmd_submit(dev, &a);
}

int nvm_cmd_copy(struct nvm_dev *dev, struct nvm_addr src[], struct nvm_addr dst[], int naddrs,
		 uint16_t flags, struct nvm_ret *ret)
{
	const struct lnm_cmd_args a = {
		.opc = LNM_OPC_COPY,
		.addrs = src,
		.dst = dst,
		.naddrs = naddrs,
		.flags = flags,
		.ret = ret,
	};

	return lnm_cmd_submit(dev, &a);
}

int lnm_cmd_mark(struct nvm_dev *dev, struct nvm_addr *addrs, int naddrs, uint8_t mark,
		 struct nvm_ret *ret)
{
	const struct lnm_cmd_args a = {
		.opc = LNM_OPC_MARK,
		.addrs = addrs,
		.naddrs = naddrs,
		.flags = NVM_CMD_SYNC | NVM_CMD_VECTOR,
		.mark = mark,
		.ret = ret,
	};

	return lnm_cmd_submit(dev, &a);
}

static int lnm_feat_unsupported(struct nvm_ret *ret)
{
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = NVM_STATUS_INVALID_FIELD;
	}
	return lnm_cmd_einval();
}

int nvm_cmd_gfeat(struct nvm_dev *dev, enum nvm_nvme_feat_id id, union nvm_nvme_feat *feat,
		  struct nvm_ret *ret)
{
	uint32_t val;

	if (!dev || !feat)
		return lnm_cmd_einval();
	if (id != NVM_FEAT_ERROR_RECOVERY)
		return lnm_feat_unsupported(ret);
	val = atomic_load_explicit(&dev->md->feat_err_rec, memory_order_relaxed);
	feat->a = val;
	if (ret) {
		ret->result.vio.cs = 0;
		ret->result.cdw0 = val;
		ret->status = 0;
	}
	return 0;
}

int nvm_cmd_sfeat(struct nvm_dev *dev, enum nvm_nvme_feat_id id, const union nvm_nvme_feat *feat,
		  struct nvm_ret *ret)
{
	if (!dev || !feat)
		return lnm_cmd_einval();
	if (id != NVM_FEAT_ERROR_RECOVERY)
		return lnm_feat_unsupported(ret);
	atomic_store_explicit(&dev->md->feat_err_rec, feat->a & LNM_FEAT_ERR_REC_MASK,
			      memory_order_relaxed);
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = 0;
	}
	return 0;
}
