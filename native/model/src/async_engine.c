/*
 * async_engine.c: the worker pool: worker threads, their FIFO queues, splitting commands into
 * per-worker parts and posting finished commands to their context (async_ctx.c) or caller.
 *
 * Submission splits a command into one part per worker (a worker owns the PUs with
 * pu % nworkers == its index) and appends the parts to the workers' FIFOs; the last part to finish
 * posts the command to its context's completion queue (or wakes a synchronous caller). Callbacks
 * run only in nvm_async_poke/nvm_async_wait, on the caller's thread.
 *
 * In durable mode a finished command that changes the media goes to the group commit
 * (group_commit.c), which posts it once it is on stable storage.
 *
 * Wakeups are rationed: a submitter signals a worker only when it sleeps, a worker drains its
 * whole queue per wakeup and spins for up to spin_ns before sleeping again, and a worker signals
 * a context only when a thread waits in nvm_async_wait. Idle workers sleep on a condvar.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "model.h"

static void lnm_worker_push(struct lnm_worker *w, struct lnm_part *part)
{
	int wake;

	part->next = NULL;
	pthread_mutex_lock(&w->lock);
	if (w->tail)
		w->tail->next = part;
	else
		w->head = part;
	w->tail = part;
	atomic_store_explicit(&w->nqueued, 1, memory_order_release);
	wake = w->sleeping;
	w->sleeping = false; /* one signal per sleep is enough */
	pthread_mutex_unlock(&w->lock);
	if (wake)
		pthread_cond_signal(&w->cond);
}

void lnm_engine_dispatch(struct lnm_media *md, struct lnm_cmd *cmd)
{
	const struct lnm_sect *sects = lnm_cmd_sects(cmd);
	uint64_t masks[LNM_WORKERS_MAX];
	unsigned nparts = 0;

	if (md->nworkers == 1) {
		masks[0] = cmd->naddrs >= 64 ? ~0ULL : (1ULL << cmd->naddrs) - 1;
	} else {
		memset(masks, 0, sizeof(masks[0]) * md->nworkers);
		for (unsigned i = 0; i < cmd->naddrs; ++i) {
			unsigned w = 0;

			if (sects[i].chunk != LNM_CHUNK_NONE)
				w = (unsigned)(sects[i].chunk / md->sb.nchunk) % md->nworkers;
			masks[w] |= 1ULL << i;
		}
	}
	for (unsigned w = 0; w < md->nworkers; ++w) {
		if (!masks[w])
			continue;
		cmd->parts[nparts].cmd = cmd;
		cmd->parts[nparts].mask = masks[w];
		cmd->parts[nparts].worker = (uint8_t)w;
		++nparts;
	}
	cmd->nparts = (uint16_t)nparts;
	atomic_store_explicit(&cmd->nparts_left, nparts, memory_order_relaxed);
	if (md->durable && cmd->opc != LNM_OPC_READ && !cmd->stage)
		lnm_group_commit_expect(md); /* a copy's second stage was counted with its first */
	for (unsigned p = 0; p < nparts; ++p)
		lnm_worker_push(&md->workers[cmd->parts[p].worker], &cmd->parts[p]);
}

void lnm_done_flush(struct lnm_done_batch *b)
{
	struct nvm_async_ctx *ctx = b->ctx;

	if (!b->n)
		return;
	pthread_mutex_lock(&ctx->lock);
	if (ctx->done_tail)
		ctx->done_tail->next = b->head;
	else
		ctx->done_head = b->head;
	ctx->done_tail = b->tail;
	atomic_fetch_add_explicit(&ctx->ndone, b->n, memory_order_release);
	/* Signal under the lock: once it is released the context may be polled empty and freed. */
	if (ctx->waiting)
		pthread_cond_signal(&ctx->cond);
	pthread_mutex_unlock(&ctx->lock);
	b->head = b->tail = NULL;
	b->n = 0;
}

void lnm_cmd_post(struct lnm_cmd *cmd, struct lnm_done_batch *b)
{
	if (!cmd->ctx) {
		sem_post(cmd->sync_done);
		return;
	}
	if (b->ctx != cmd->ctx) {
		lnm_done_flush(b);
		b->ctx = cmd->ctx;
	}
	cmd->next = NULL;
	if (b->tail)
		b->tail->next = cmd;
	else
		b->head = cmd;
	b->tail = cmd;
	++b->n;
}

static void lnm_part_finish(struct lnm_media *md, struct lnm_part *part, struct lnm_done_batch *b)
{
	struct lnm_cmd *cmd = part->cmd;
	unsigned lowest = NVM_NADDR_MAX;
	uint64_t failed = 0;
	uint16_t status = 0;

	if (atomic_fetch_sub_explicit(&cmd->nparts_left, 1, memory_order_acq_rel) != 1)
		return;
	for (unsigned p = 0; p < cmd->nparts; ++p) {
		const struct lnm_part *q = &cmd->parts[p];

		if (!q->failed)
			continue;
		failed |= q->failed;
		if ((unsigned)__builtin_ctzll(q->failed) < lowest) {
			lowest = (unsigned)__builtin_ctzll(q->failed);
			status = q->status;
		}
	}
	if (cmd->opc == LNM_OPC_COPY && !cmd->stage && !status) {
		cmd->stage = 1;
		lnm_engine_dispatch(md, cmd);
		return;
	}
	cmd->status = status;
	cmd->failed = failed;
	if (md->durable && cmd->opc != LNM_OPC_READ)
		lnm_group_commit_add(md, cmd); /* posted once stable */
	else
		lnm_cmd_post(cmd, b);
}

static void *lnm_worker_main(void *arg)
{
	struct lnm_worker *w = arg;
	struct lnm_media *md = w->md;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct lnm_part *part = w->head;
		struct lnm_done_batch batch = { 0 };
		uint64_t deadline;

		if (!part) {
			if (w->stop)
				break;
			w->sleeping = true;
			pthread_cond_wait(&w->cond, &w->lock);
			w->sleeping = false;
			continue;
		}
		w->head = w->tail = NULL;
		atomic_store_explicit(&w->nqueued, 0, memory_order_relaxed);
		pthread_mutex_unlock(&w->lock);

		while (part) {
			struct lnm_part *next = part->next;

			lnm_chunk_part_exec(md, part);
			lnm_part_finish(md, part, &batch);
			part = next;
		}
		lnm_done_flush(&batch);

		/* Bounded poll before sleeping: catch the next submission without a sleep/wake
		 * round trip. Yielding instead of spinning keeps the poll cheap when the CPUs are
		 * busy (the submitting thread gets to run) and near-free when they are not. */
		deadline = md->spin_ns ? lnm_now_ns() + md->spin_ns : 0;
		while (deadline && !atomic_load_explicit(&w->nqueued, memory_order_acquire)) {
			sched_yield();
			if (lnm_now_ns() >= deadline)
				break;
		}
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int lnm_engine_start(struct lnm_media *md)
{
	md->workers = calloc(md->nworkers, sizeof(*md->workers));
	if (!md->workers)
		return -1;
	for (unsigned i = 0; i < md->nworkers; ++i) {
		struct lnm_worker *w = &md->workers[i];
		char name[16];
		int err;

		pthread_mutex_init(&w->lock, NULL);
		pthread_cond_init(&w->cond, NULL);
		w->md = md;
		err = pthread_create(&w->thread, NULL, lnm_worker_main, w);
		if (err) {
			md->nworkers = i;
			lnm_engine_stop(md);
			errno = err;
			return -1;
		}
		/* Named for `top -H` and per-thread CPU accounting; a name is at most 15 bytes. */
		snprintf(name, sizeof(name), "lnm-worker-%u", i % LNM_WORKERS_MAX);
		pthread_setname_np(w->thread, name);
	}
	return 0;
}

void lnm_engine_stop(struct lnm_media *md)
{
	if (!md->workers)
		return;
	for (unsigned i = 0; i < md->nworkers; ++i) {
		struct lnm_worker *w = &md->workers[i];

		pthread_mutex_lock(&w->lock);
		w->stop = true;
		pthread_mutex_unlock(&w->lock);
		pthread_cond_signal(&w->cond);
	}
	for (unsigned i = 0; i < md->nworkers; ++i) {
		pthread_join(md->workers[i].thread, NULL);
		pthread_mutex_destroy(&md->workers[i].lock);
		pthread_cond_destroy(&md->workers[i].cond);
	}
	free(md->workers);
	md->workers = NULL;
}
