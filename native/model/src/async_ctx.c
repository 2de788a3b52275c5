/*
 * async_ctx.c: asynchronous contexts (nvm_async_*): preallocated command slots, the completion
 * queue that workers fill (async_engine.c), and running callbacks in nvm_async_poke/wait on the
 * caller's thread.
 */
#include <errno.h>
#include <stdlib.h>

#include "model.h"

void lnm_cmd_release(struct lnm_cmd *cmd, bool deliver)
{
	if (cmd->copy) {
		free(cmd->copy->bounce);
		free(cmd->copy->bounce_meta);
		free(cmd->copy);
		cmd->copy = NULL;
	}
	if (cmd->sgl) {
		struct lnm_sgl_io *io = cmd->sgl;

		if (deliver && cmd->opc == LNM_OPC_READ) {
			if (io->data)
				lnm_sgl_scatter(io->data, io->bounce, io->nbytes);
			if (io->meta)
				lnm_sgl_scatter(io->meta, io->bounce_meta, io->nbytes_meta);
		}
		free(io->bounce);
		free(io->bounce_meta);
		free(io);
		cmd->sgl = NULL;
	}
}

static void lnm_ctx_free(struct nvm_async_ctx *ctx)
{
	for (struct lnm_cmd *cmd = ctx->done_head; cmd; cmd = cmd->next)
		lnm_cmd_release(cmd, false);
	pthread_mutex_destroy(&ctx->lock);
	pthread_cond_destroy(&ctx->cond);
	free(ctx->slots);
	free(ctx);
}

/* Block until every command submitted on ctx has completed into its queue: workers signal the
 * context while it is waiting. Runs no callbacks. */
static void lnm_ctx_drain(struct nvm_async_ctx *ctx)
{
	pthread_mutex_lock(&ctx->lock);
	while (atomic_load_explicit(&ctx->ndone, memory_order_acquire) <
	       atomic_load_explicit(&ctx->outstanding, memory_order_acquire)) {
		ctx->waiting = true;
		pthread_cond_wait(&ctx->cond, &ctx->lock);
	}
	ctx->waiting = false;
	pthread_mutex_unlock(&ctx->lock);
}

void lnm_async_ctx_free_all(struct nvm_dev *dev)
{
	while (dev->ctxs) {
		struct nvm_async_ctx *ctx = dev->ctxs;

		lnm_ctx_drain(ctx);

		dev->ctxs = ctx->next;
		lnm_ctx_free(ctx);
	}
}

struct lnm_cmd *lnm_async_slot_get(struct nvm_async_ctx *ctx)
{
	struct lnm_cmd *cmd = ctx->free_head;

	if (cmd) {
		ctx->free_head = cmd->next;
	} else if (ctx->nslots_used < ctx->depth) {
		cmd = &ctx->slots[ctx->nslots_used++]; /* first use: slots are handed out lazily */
	} else {
		errno = EAGAIN;
		return NULL;
	}
	atomic_fetch_add_explicit(&ctx->outstanding, 1, memory_order_relaxed);
	return cmd;
}

void lnm_async_slot_put(struct nvm_async_ctx *ctx, struct lnm_cmd *cmd)
{
	cmd->next = ctx->free_head;
	ctx->free_head = cmd;
	atomic_fetch_sub_explicit(&ctx->outstanding, 1, memory_order_relaxed);
}

struct nvm_async_ctx *nvm_async_init(struct nvm_dev *dev, uint32_t depth, uint16_t flags)
{
	struct nvm_async_ctx *ctx;

	(void)flags;
	if (!dev || depth > LNM_ASYNC_DEPTH_MAX) {
		errno = EINVAL;
		return NULL;
	}
	if (!depth)
		depth = LNM_ASYNC_DEPTH_DEFAULT;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return NULL;
	ctx->slots = calloc(depth, sizeof(*ctx->slots));
	if (!ctx->slots) {
		free(ctx);
		errno = ENOMEM;
		return NULL;
	}
	ctx->dev = dev;
	ctx->depth = depth;
	pthread_mutex_init(&ctx->lock, NULL);
	pthread_cond_init(&ctx->cond, NULL);

	pthread_mutex_lock(&dev->ctx_lock);
	ctx->next = dev->ctxs;
	if (dev->ctxs)
		dev->ctxs->prev = ctx;
	dev->ctxs = ctx;
	pthread_mutex_unlock(&dev->ctx_lock);
	return ctx;
}

int nvm_async_term(struct nvm_dev *dev, struct nvm_async_ctx *ctx)
{
	if (!dev || !ctx || ctx->dev != dev) {
		errno = EINVAL;
		return -1;
	}
	if (atomic_load_explicit(&ctx->outstanding, memory_order_acquire)) {
		errno = EBUSY;
		return -1;
	}
	pthread_mutex_lock(&dev->ctx_lock);
	if (ctx->prev)
		ctx->prev->next = ctx->next;
	else
		dev->ctxs = ctx->next;
	if (ctx->next)
		ctx->next->prev = ctx->prev;
	pthread_mutex_unlock(&dev->ctx_lock);
	lnm_ctx_free(ctx);
	return 0;
}

int nvm_async_poke(struct nvm_dev *dev, struct nvm_async_ctx *ctx, uint32_t max)
{
	struct lnm_cmd *head, *tail;
	uint32_t n = 0;

	if (!dev || !ctx || ctx->dev != dev) {
		errno = EINVAL;
		return -1;
	}
	if (!atomic_load_explicit(&ctx->ndone, memory_order_acquire))
		return 0;

	pthread_mutex_lock(&ctx->lock);
	head = tail = ctx->done_head;
	if (head) {
		n = 1;
		while (tail->next && (!max || n < max)) {
			tail = tail->next;
			++n;
		}
		ctx->done_head = tail->next;
		if (!ctx->done_head)
			ctx->done_tail = NULL;
		tail->next = NULL;
		atomic_fetch_sub_explicit(&ctx->ndone, n, memory_order_relaxed);
	}
	pthread_mutex_unlock(&ctx->lock);

	while (head) {
		struct lnm_cmd *cmd = head;
		struct nvm_ret *ret = cmd->ret;
		nvm_async_cb cb = cmd->cb;
		void *cb_arg = cmd->cb_arg;

		head = cmd->next;
		ret->result.vio.cs = cmd->failed;
		ret->status = cmd->status;
		lnm_cmd_release(cmd, true);
		lnm_async_slot_put(ctx, cmd); /* before the callback: it may submit again */
		if (cb)
			cb(ret, cb_arg);
	}
	return (int)n;
}

int nvm_async_wait(struct nvm_dev *dev, struct nvm_async_ctx *ctx)
{
	int total = 0;

	if (!dev || !ctx || ctx->dev != dev) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		int n = nvm_async_poke(dev, ctx, 0);

		if (n < 0)
			return -1;
		total += n;
		if (!atomic_load_explicit(&ctx->outstanding, memory_order_acquire))
			return total;
		pthread_mutex_lock(&ctx->lock);
		while (!ctx->done_head) {
			ctx->waiting = true;
			pthread_cond_wait(&ctx->cond, &ctx->lock);
		}
		ctx->waiting = false;
		pthread_mutex_unlock(&ctx->lock);
	}
}

uint32_t nvm_async_get_depth(struct nvm_async_ctx *ctx)
{
	return ctx ? ctx->depth : 0;
}

uint32_t nvm_async_get_outstanding(struct nvm_async_ctx *ctx)
{
	return ctx ? atomic_load_explicit(&ctx->outstanding, memory_order_relaxed) : 0;
}
