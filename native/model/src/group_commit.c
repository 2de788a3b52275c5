/*
 * group_commit.c: durable mode. A command that changes the media completes only once its data
 * and its chunks' table slots are on stable storage, and the fdatasync calls are shared by every
 * such command that finished in the same window (group commit).
 *
 * Workers publish chunk changes in memory and note the chunk as dirty (after its data pwrite has
 * returned), then hand the finished command to the open epoch. The syncer thread, woken by the
 * first command of an epoch, repeats while it has work:
 *   1. close the open epoch E: take its commands and snapshot every dirty chunk;
 *   2. write one table slot per chunk of the previous epoch E-1's snapshot, into the slot not
 *      holding its newest stable generation (E-1's data was made stable by the previous sync);
 *   3. fdatasync: E-1's slots and E's data (and metadata, and punched holes) are stable;
 *   4. post E-1's completions.
 * So one fdatasync per epoch, a completion waits for two, and commands finishing meanwhile join
 * the next epoch. Data is stable before any slot pointing at it is written, and a chunk's slot is
 * written at most once between two syncs, so after a power loss every chunk shows the state and
 * bytes of all its completed commands (and maybe some later ones, in order), and every sector
 * below a write pointer holds what was written there. If a sync fails, both epochs' commands
 * complete with a write fault and their chunks are snapshotted again by the next epoch (unless
 * the device is closing).
 */
#include <errno.h>
#include <stdlib.h>

#include "file_io.h"
#include "model.h"

/* Step 1, under the lock. */
static void lnm_epoch_close(struct lnm_media *md, struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;

	e->id = gc->open_epoch++;
	e->cmds = gc->head;
	gc->head = gc->tail = NULL;
	e->nsnap = gc->ndirty;
	for (uint32_t i = 0; i < e->nsnap; ++i) {
		uint32_t idx = gc->dirty[i];
		struct lnm_pu *pu = &md->pus[idx / md->sb.nchunk];

		pthread_mutex_lock(&pu->lock);
		e->snap[i] = md->chunks[idx];
		pthread_mutex_unlock(&pu->lock);
		e->snap_idx[i] = idx;
		gc->is_dirty[idx] = 0;
	}
	gc->ndirty = 0;
}

/* After a failed sync, under the lock: the epoch's chunks go back to the dirty list. */
static void lnm_epoch_redirty(struct lnm_group_commit *gc, const struct lnm_epoch *e)
{
	for (uint32_t i = 0; i < e->nsnap; ++i) {
		uint32_t idx = e->snap_idx[i];

		if (!gc->is_dirty[idx]) {
			gc->is_dirty[idx] = 1;
			gc->dirty[gc->ndirty++] = idx;
		}
	}
}

/* Step 2. */
static int lnm_epoch_slots_write(struct lnm_media *md, const struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;

	for (uint32_t i = 0; i < e->nsnap; ++i) {
		const struct lnm_chunk *c = &e->snap[i];
		uint32_t idx = e->snap_idx[i];

		if (lnm_chunk_slot_write(md, idx, gc->table_slot[idx] ^ 1,
					 lnm_chunk_rec_of(c, gc->table_gen[idx] + 1)))
			return -1;
	}
	return 0;
}

/* After step 3 succeeded: the slots written in step 2 hold the newest stable generations. */
static void lnm_epoch_slots_stable(struct lnm_media *md, const struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;

	for (uint32_t i = 0; i < e->nsnap; ++i) {
		uint32_t idx = e->snap_idx[i];

		gc->table_gen[idx] += 1;
		gc->table_slot[idx] ^= 1;
	}
}

/* Step 4 (or a failure of both epochs). */
static void lnm_epoch_post(struct lnm_epoch *e, int failed)
{
	struct lnm_done_batch batch = { 0 };

	while (e->cmds) {
		struct lnm_cmd *cmd = e->cmds;

		e->cmds = cmd->next;
		if (failed) {
			cmd->status = NVM_STATUS_WRITE_FAULT;
			cmd->failed = cmd->naddrs >= 64 ? ~0ULL : (1ULL << cmd->naddrs) - 1;
		}
		lnm_cmd_post(cmd, &batch);
	}
	lnm_done_flush(&batch);
}

static void *lnm_syncer_main(void *arg)
{
	struct lnm_media *md = arg;
	struct lnm_group_commit *gc = &md->gc;
	struct lnm_epoch *prev = NULL; /* closed, its data stable, its slots not yet */
	unsigned next = 0;	       /* epochs[] buffer the next epoch closes into */

	pthread_mutex_lock(&gc->lock);
	for (;;) {
		struct lnm_epoch *cur;
		int err = 0;

		/* Dirty chunks alone do not start an epoch: their commands follow right after. */
		if (!prev && !gc->head && gc->wanted_epoch < gc->open_epoch &&
		    !(gc->stop && gc->ndirty)) {
			if (gc->stop)
				break;
			gc->idle = true;
			pthread_cond_wait(&gc->work, &gc->lock);
			gc->idle = false;
			continue;
		}
		cur = &gc->epochs[next];
		next ^= 1;
		lnm_epoch_close(md, cur);
		pthread_mutex_unlock(&gc->lock);

		if (prev)
			err = lnm_epoch_slots_write(md, prev);
		if (!err && (cur->nsnap || (prev && prev->nsnap)))
			err = lnm_fdatasync(md->fd);
		if (prev && !err)
			lnm_epoch_slots_stable(md, prev);
		if (prev)
			lnm_epoch_post(prev, err);
		if (err)
			lnm_epoch_post(cur, err);

		pthread_mutex_lock(&gc->lock);
		if (err) {
			if (prev && !gc->stop)
				lnm_epoch_redirty(gc, prev);
			if (!gc->stop) /* closing: give up rather than retry forever */
				lnm_epoch_redirty(gc, cur);
			gc->failed_epoch = cur->id;
			gc->synced_epoch = cur->id;
			prev = NULL;
		} else if (!cur->cmds && !cur->nsnap) { /* nothing of its own to make stable */
			gc->synced_epoch = cur->id;
			prev = NULL;
		} else {
			if (prev)
				gc->synced_epoch = prev->id;
			prev = cur;
		}
		pthread_cond_broadcast(&gc->synced);
	}
	pthread_mutex_unlock(&gc->lock);
	return NULL;
}

static void lnm_group_commit_free(struct lnm_group_commit *gc)
{
	free(gc->dirty);
	free(gc->is_dirty);
	for (int e = 0; e < 2; ++e) {
		free(gc->epochs[e].snap);
		free(gc->epochs[e].snap_idx);
	}
	free(gc->table_gen);
	free(gc->table_slot);
	pthread_mutex_destroy(&gc->lock);
	pthread_cond_destroy(&gc->work);
	pthread_cond_destroy(&gc->synced);
}

int lnm_group_commit_start(struct lnm_media *md)
{
	struct lnm_group_commit *gc = &md->gc;
	int err;

	pthread_mutex_init(&gc->lock, NULL);
	pthread_cond_init(&gc->work, NULL);
	pthread_cond_init(&gc->synced, NULL);
	gc->open_epoch = 1;
	gc->dirty = calloc(md->nchunks, sizeof(*gc->dirty));
	gc->is_dirty = calloc(md->nchunks, sizeof(*gc->is_dirty));
	gc->table_gen = calloc(md->nchunks, sizeof(*gc->table_gen));
	gc->table_slot = calloc(md->nchunks, sizeof(*gc->table_slot));
	for (int e = 0; e < 2; ++e) {
		gc->epochs[e].snap = calloc(md->nchunks, sizeof(*gc->epochs[e].snap));
		gc->epochs[e].snap_idx = calloc(md->nchunks, sizeof(*gc->epochs[e].snap_idx));
	}
	if (!gc->dirty || !gc->is_dirty || !gc->table_gen || !gc->table_slot ||
	    !gc->epochs[0].snap || !gc->epochs[0].snap_idx || !gc->epochs[1].snap ||
	    !gc->epochs[1].snap_idx) {
		lnm_group_commit_free(gc);
		errno = ENOMEM;
		return -1;
	}
	for (uint32_t i = 0; i < md->nchunks; ++i) {
		gc->table_gen[i] = md->chunks[i].gen;
		gc->table_slot[i] = md->chunks[i].slot;
	}
	err = pthread_create(&gc->thread, NULL, lnm_syncer_main, md);
	if (err) {
		lnm_group_commit_free(gc);
		errno = err;
		return -1;
	}
	gc->started = true;
	return 0;
}

void lnm_group_commit_stop(struct lnm_media *md)
{
	struct lnm_group_commit *gc = &md->gc;

	if (!gc->started)
		return;
	pthread_mutex_lock(&gc->lock);
	gc->stop = true;
	pthread_cond_signal(&gc->work);
	pthread_mutex_unlock(&gc->lock);
	pthread_join(gc->thread, NULL);
	lnm_group_commit_free(gc);
	gc->started = false;
}

void lnm_group_commit_dirty(struct lnm_media *md, uint32_t chunk)
{
	struct lnm_group_commit *gc = &md->gc;

	pthread_mutex_lock(&gc->lock);
	if (!gc->is_dirty[chunk]) {
		gc->is_dirty[chunk] = 1;
		gc->dirty[gc->ndirty++] = chunk;
	}
	pthread_mutex_unlock(&gc->lock);
}

static void lnm_syncer_wake(struct lnm_group_commit *gc)
{
	if (gc->idle) {
		gc->idle = false; /* one signal per sleep is enough */
		pthread_cond_signal(&gc->work);
	}
}

void lnm_group_commit_add(struct lnm_media *md, struct lnm_cmd *cmd)
{
	struct lnm_group_commit *gc = &md->gc;

	cmd->next = NULL;
	pthread_mutex_lock(&gc->lock);
	if (gc->tail)
		gc->tail->next = cmd;
	else
		gc->head = cmd;
	gc->tail = cmd;
	lnm_syncer_wake(gc);
	pthread_mutex_unlock(&gc->lock);
}

int lnm_group_commit_wait(struct lnm_media *md)
{
	struct lnm_group_commit *gc = &md->gc;
	uint64_t target;
	int rc = 0;

	pthread_mutex_lock(&gc->lock);
	target = gc->open_epoch; /* the epoch that snapshots every change noted so far */
	if (gc->wanted_epoch < target)
		gc->wanted_epoch = target;
	lnm_syncer_wake(gc);
	while (gc->synced_epoch < target)
		pthread_cond_wait(&gc->synced, &gc->lock);
	if (gc->failed_epoch >= target) {
		errno = EIO;
		rc = -1;
	}
	pthread_mutex_unlock(&gc->lock);
	return rc;
}
