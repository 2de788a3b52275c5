/*
 * group_commit.c: durable mode. A command that changes the media completes only once its data
 * and its chunks' table slots are on stable storage, and one pair of fdatasync calls covers every
 * such command that finished in the same window (group commit).
 *
 * Workers publish chunk changes in memory and note the chunk as dirty (after its data pwrite has
 * returned), then hand the finished command to the open epoch. The syncer thread, woken by the
 * first command of an epoch, closes the epoch and snapshots every dirty chunk, then:
 *   1. fdatasync: the data (and OOB, and punched holes) of every snapshotted state is stable;
 *   2. writes one table slot per dirty chunk, into the slot not holding its newest stable
 *      generation, so a torn or lost slot write leaves the previous stable state;
 *   3. fdatasync: the slots are stable;
 *   4. posts the epoch's completions.
 * Commands finishing meanwhile join the next epoch, so the syncs are shared by every write that
 * finished while the previous epoch was syncing. Data is stable before any slot pointing at it
 * is written, so after a power loss every sector below a write pointer holds what was written
 * there. An epoch that changed no chunk (its changes were already in an earlier snapshot) posts
 * without syncing.
 */
#include <errno.h>
#include <stdlib.h>

#include "file_io.h"
#include "model.h"

/* Steps 1 to 3 for the nsnap snapshotted chunks. On failure nothing counts as written, so the
 * next epoch writes the same slots again and the previous stable slots stay intact. */
static int lnm_epoch_sync(struct lnm_media *md, uint32_t nsnap)
{
	struct lnm_group_commit *gc = &md->gc;

	if (lnm_fdatasync(md->fd))
		return -1;
	for (uint32_t i = 0; i < nsnap; ++i) {
		const struct lnm_chunk *c = &gc->snap[i];
		uint32_t idx = gc->snap_idx[i];

		if (lnm_chunk_slot_write(md, idx, gc->table_slot[idx] ^ 1,
					 lnm_chunk_rec_of(c, gc->table_gen[idx] + 1)))
			return -1;
	}
	if (lnm_fdatasync(md->fd))
		return -1;
	for (uint32_t i = 0; i < nsnap; ++i) {
		uint32_t idx = gc->snap_idx[i];

		gc->table_gen[idx] += 1;
		gc->table_slot[idx] ^= 1;
	}
	return 0;
}

static void lnm_epoch_post(struct lnm_cmd *cmds, int failed)
{
	struct lnm_done_batch batch = { 0 };

	while (cmds) {
		struct lnm_cmd *cmd = cmds;

		cmds = cmd->next;
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

	pthread_mutex_lock(&gc->lock);
	for (;;) {
		struct lnm_cmd *cmds;
		uint64_t epoch;
		uint32_t nsnap;
		int err = 0;

		/* Dirty chunks alone do not start an epoch: their commands follow right after. */
		if (!gc->head && gc->wanted_epoch < gc->open_epoch && !(gc->stop && gc->ndirty)) {
			if (gc->stop)
				break;
			gc->idle = true;
			pthread_cond_wait(&gc->work, &gc->lock);
			gc->idle = false;
			continue;
		}
		cmds = gc->head;
		gc->head = gc->tail = NULL;
		epoch = gc->open_epoch++;
		nsnap = gc->ndirty;
		for (uint32_t i = 0; i < nsnap; ++i) {
			uint32_t idx = gc->dirty[i];
			struct lnm_pu *pu = &md->pus[idx / md->sb.nchunk];

			pthread_mutex_lock(&pu->lock);
			gc->snap[i] = md->chunks[idx];
			pthread_mutex_unlock(&pu->lock);
			gc->snap_idx[i] = idx;
			gc->is_dirty[idx] = 0;
		}
		gc->ndirty = 0;
		pthread_mutex_unlock(&gc->lock);

		if (nsnap)
			err = lnm_epoch_sync(md, nsnap);
		lnm_epoch_post(cmds, err);

		pthread_mutex_lock(&gc->lock);
		if (err)
			gc->failed_epoch = epoch;
		gc->synced_epoch = epoch;
		pthread_cond_broadcast(&gc->synced);
	}
	pthread_mutex_unlock(&gc->lock);
	return NULL;
}

static void lnm_group_commit_free(struct lnm_group_commit *gc)
{
	free(gc->dirty);
	free(gc->is_dirty);
	free(gc->snap);
	free(gc->snap_idx);
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
	gc->snap = calloc(md->nchunks, sizeof(*gc->snap));
	gc->snap_idx = calloc(md->nchunks, sizeof(*gc->snap_idx));
	gc->table_gen = calloc(md->nchunks, sizeof(*gc->table_gen));
	gc->table_slot = calloc(md->nchunks, sizeof(*gc->table_slot));
	if (!gc->dirty || !gc->is_dirty || !gc->snap || !gc->snap_idx || !gc->table_gen ||
	    !gc->table_slot) {
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
