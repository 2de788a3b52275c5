/*
 * group_commit.c: durable mode. A command that changes the media completes only once its data
 * and its chunks' table slots are on stable storage, and one fdatasync is shared by every such
 * command that finished in the same window (group commit).
 *
 * Workers publish chunk changes in memory and note the chunk as dirty (after its data pwrite has
 * returned), then hand the finished command to the open epoch. The syncer thread, woken by the
 * first command of an epoch, repeats while it has work:
 *   1. close the open epoch E: take its commands and snapshot every dirty chunk;
 *   2. write one table slot per snapshotted chunk, into the slot not holding its newest stable
 *      generation, with a cover: the CRC32C of the chunk's data (and OOB) written since that
 *      stable slot, read back from the file (chunk_cover.c);
 *   3. fdatasync: E's data and slots are stable;
 *   4. post E's completions.
 * Commands that finish while the syncer works join E+1, which closes as soon as E is posted, so
 * a completion waits for one fdatasync (plus the rest of the one running when it finished).
 * Before closing, the syncer lets the epoch fill (lnm_epoch_gather, bounded by half the last
 * epoch's sync time and LNM_GATHER_MAX_NS): a client that resubmits from its completions would
 * otherwise see an epoch close on its first new command and the other ones wait a whole sync
 * for the next. A lone command (nothing else dispatched) closes its epoch at once.
 * Data and slot land in the same sync in any order; a power cut may keep a slot and lose some of
 * its data, and opening the image (chunk_table.c) then finds the cover does not match and takes
 * the chunk's other slot, the previous stable state, whose data was made stable by an earlier
 * sync and is never written again (writes go at or beyond the write pointer; a reset discards
 * only once its FREE slot is stable). A chunk's slot is written at most once per sync, so the
 * other slot always holds that state. After a power loss every chunk therefore shows the state
 * and bytes of all its completed commands (and maybe some later ones, in order), and every
 * sector below a write pointer holds what was written there.
 *
 * A version 2 image has no covers: there the syncer syncs the data before writing the slots and
 * syncs again (two fdatasync calls per epoch). If a sync fails, the epoch's commands complete
 * with a write fault and their chunks are snapshotted again by the next epoch (unless the device
 * is closing).
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "file_io.h"
#include "model.h"

/* Longest the syncer waits for an epoch to fill before closing it: this, or half the time the
 * last epoch took to make stable when that is shorter. */
#define LNM_GATHER_MAX_NS 200000ULL

/* Before step 1, under the lock: let the open epoch fill before closing it. It waits (bounded)
 * while commands dispatched to the workers have not joined yet, or while the epoch holds fewer
 * commands than the last one posted (a client resubmitting from its completions is still at
 * it); not when a worker waits for a sync (its queue does not move until then) or the device is
 * closing. */
static void lnm_epoch_gather(struct lnm_group_commit *gc)
{
	const uint32_t want = gc->epoch.ncmds;
	uint64_t bound = gc->sync_ns / 2 < LNM_GATHER_MAX_NS ? gc->sync_ns / 2 : LNM_GATHER_MAX_NS;
	uint64_t deadline_ns;
	struct timespec deadline;

	if ((!gc->nexpected && gc->nopen >= want) || gc->wanted_epoch >= gc->open_epoch ||
	    gc->stop || !bound)
		return;
	deadline_ns = lnm_now_ns() + bound;
	deadline.tv_sec = (time_t)(deadline_ns / 1000000000ULL);
	deadline.tv_nsec = (long)(deadline_ns % 1000000000ULL);
	gc->gathering = true;
	gc->gather_until = want;
	while ((gc->nexpected || gc->nopen < want) && gc->wanted_epoch < gc->open_epoch &&
	       !gc->stop) {
		gc->idle = true;
		if (pthread_cond_timedwait(&gc->work, &gc->lock, &deadline) == ETIMEDOUT)
			break;
	}
	gc->idle = false;
	gc->gathering = false;
}

/* Step 1, under the lock. */
static void lnm_epoch_close(struct lnm_media *md, struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;

	e->id = gc->open_epoch++;
	e->cmds = gc->head;
	e->ncmds = gc->nopen;
	gc->head = gc->tail = NULL;
	gc->nopen = 0;
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

/* Where a new slot's cover starts: at the stable slot's write pointer while the chunk only grew
 * since, else at sector 0 (a reset or a mark in between). Nothing for a FREE or OFFLINE chunk. */
static uint32_t lnm_cover_base(const struct lnm_chunk_stable *st, const struct lnm_chunk *c)
{
	if (c->state != NVM_CHUNK_STATE_OPEN && c->state != NVM_CHUNK_STATE_CLOSED)
		return c->wp;
	return c->life == st->life && st->wp <= c->wp ? st->wp : 0;
}

/* Step 2. */
static int lnm_epoch_slots_write(struct lnm_media *md, const struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;
	const bool covered = md->sb.version >= LNM_IMAGE_VERSION;

	for (uint32_t i = 0; i < e->nsnap; ++i) {
		const struct lnm_chunk *c = &e->snap[i];
		uint32_t idx = e->snap_idx[i];
		const struct lnm_chunk_stable *st = &gc->stable[idx];
		uint32_t base = covered ? lnm_cover_base(st, c) : c->wp, crc = 0;

		if (lnm_chunk_cover_crc(md, idx, base, c->wp, &crc) ||
		    lnm_chunk_slot_store(md->fd, &md->sb, idx, st->slot ^ 1u,
					 lnm_chunk_rec_of(c, st->gen + 1), base, crc))
			return -1;
	}
	return 0;
}

/* After step 3 succeeded: the slots written in step 2 hold the newest stable generations. */
static void lnm_epoch_slots_stable(struct lnm_media *md, const struct lnm_epoch *e)
{
	struct lnm_group_commit *gc = &md->gc;

	for (uint32_t i = 0; i < e->nsnap; ++i) {
		struct lnm_chunk_stable *st = &gc->stable[e->snap_idx[i]];

		st->gen += 1;
		st->slot ^= 1;
		st->wp = e->snap[i].wp;
		st->life = e->snap[i].life;
	}
}

/* Steps 2 and 3. Returns 0, or -1 when a write or sync failed. */
static int lnm_epoch_make_stable(struct lnm_media *md, const struct lnm_epoch *e)
{
	if (!e->nsnap)
		return 0; /* its commands' changes were made stable by an earlier epoch */
	if (md->sb.version < LNM_IMAGE_VERSION && lnm_fdatasync(md->fd))
		return -1; /* no covers: the data must be stable before a slot points at it */
	if (lnm_epoch_slots_write(md, e) || lnm_fdatasync(md->fd))
		return -1;
	lnm_epoch_slots_stable(md, e);
	return 0;
}

/* Step 4 (or the epoch's failure). */
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
	struct lnm_epoch *e = &gc->epoch;

	pthread_mutex_lock(&gc->lock);
	for (;;) {
		uint64_t t0, sync_ns;
		int err;

		/* Dirty chunks alone do not start an epoch: their commands follow right after. */
		if (!gc->head && gc->wanted_epoch < gc->open_epoch && !(gc->stop && gc->ndirty)) {
			if (gc->stop)
				break;
			gc->idle = true;
			pthread_cond_wait(&gc->work, &gc->lock);
			gc->idle = false;
			continue;
		}
		lnm_epoch_gather(gc);
		lnm_epoch_close(md, e);
		pthread_mutex_unlock(&gc->lock);

		t0 = lnm_now_ns();
		err = lnm_epoch_make_stable(md, e);
		lnm_epoch_post(e, err);
		sync_ns = lnm_now_ns() - t0;

		pthread_mutex_lock(&gc->lock);
		gc->sync_ns = e->nsnap ? sync_ns : gc->sync_ns;
		if (err) {
			if (!gc->stop) /* closing: give up rather than retry forever */
				lnm_epoch_redirty(gc, e);
			gc->failed_epoch = e->id;
		}
		gc->synced_epoch = e->id;
		pthread_cond_broadcast(&gc->synced);
	}
	pthread_mutex_unlock(&gc->lock);
	return NULL;
}

static void lnm_group_commit_free(struct lnm_group_commit *gc)
{
	free(gc->dirty);
	free(gc->is_dirty);
	free(gc->epoch.snap);
	free(gc->epoch.snap_idx);
	free(gc->stable);
	pthread_mutex_destroy(&gc->lock);
	pthread_cond_destroy(&gc->work);
	pthread_cond_destroy(&gc->synced);
}

int lnm_group_commit_start(struct lnm_media *md)
{
	struct lnm_group_commit *gc = &md->gc;
	pthread_condattr_t work_attr;
	int err;

	pthread_mutex_init(&gc->lock, NULL);
	pthread_condattr_init(&work_attr);
	pthread_condattr_setclock(&work_attr, CLOCK_MONOTONIC); /* lnm_epoch_gather's deadline */
	pthread_cond_init(&gc->work, &work_attr);
	pthread_condattr_destroy(&work_attr);
	pthread_cond_init(&gc->synced, NULL);
	gc->open_epoch = 1;
	gc->dirty = calloc(md->nchunks, sizeof(*gc->dirty));
	gc->is_dirty = calloc(md->nchunks, sizeof(*gc->is_dirty));
	gc->stable = calloc(md->nchunks, sizeof(*gc->stable));
	gc->epoch.snap = calloc(md->nchunks, sizeof(*gc->epoch.snap));
	gc->epoch.snap_idx = calloc(md->nchunks, sizeof(*gc->epoch.snap_idx));
	if (!gc->dirty || !gc->is_dirty || !gc->stable || !gc->epoch.snap || !gc->epoch.snap_idx) {
		lnm_group_commit_free(gc);
		errno = ENOMEM;
		return -1;
	}
	for (uint32_t i = 0; i < md->nchunks; ++i) {
		gc->stable[i] = (struct lnm_chunk_stable){
			.gen = md->chunks[i].gen,
			.wp = md->chunks[i].wp,
			.life = md->chunks[i].life,
			.slot = md->chunks[i].slot,
		};
	}
	err = pthread_create(&gc->thread, NULL, lnm_syncer_main, md);
	if (err) {
		lnm_group_commit_free(gc);
		errno = err;
		return -1;
	}
	pthread_setname_np(gc->thread, "lnm-syncer"); /* for `top -H`, beside the workers */
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

void lnm_group_commit_expect(struct lnm_media *md)
{
	struct lnm_group_commit *gc = &md->gc;

	pthread_mutex_lock(&gc->lock);
	++gc->nexpected;
	pthread_mutex_unlock(&gc->lock);
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
	++gc->nopen;
	--gc->nexpected;
	if (!gc->gathering || (!gc->nexpected && gc->nopen >= gc->gather_until))
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
