/*
 * chunk_table.c: persistence of chunk state in the image's chunk table (see FORMAT.md).
 *
 * Each chunk has two slots; an update writes the slot not holding the newest generation, so a
 * torn write leaves the previous state readable. In durable mode the syncer (group_commit.c)
 * writes the slots, at most one per chunk per sync, each with a cover vouching for the data
 * written since the previous one; opening checks the newest slot's cover against the data and
 * falls back to the other slot when they differ (the record reached the disk, its data did not).
 */
#include <errno.h>
#include <stdlib.h>

#include "file_io.h"
#include "image.h"
#include "model.h"

/* Which of a chunk's slots holds its state: the valid one with the highest generation, unless
 * its data does not match its cover, then the other one. -1 with errno when none. */
static int lnm_chunk_slot_load(struct lnm_media *md, uint32_t chunk,
			       const struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS])
{
	const int pick = lnm_chunk_slot_pick(&md->sb, slots);
	const struct lnm_chunk_slot *s = &slots[pick < 0 ? 0 : pick];
	uint32_t crc;

	if (pick < 0) {
		errno = EINVAL;
		return -1;
	}
	if (md->sb.version < LNM_IMAGE_VERSION || s->cover.base_wp == s->rec.wp)
		return pick;
	if (lnm_chunk_cover_crc(md, chunk, s->cover.base_wp, s->rec.wp, &crc))
		return -1;
	if (crc == s->cover.data_crc)
		return pick;
	if (!lnm_chunk_slot_valid(&md->sb, &slots[pick ^ 1])) {
		errno = EINVAL;
		return -1;
	}
	return pick ^ 1;
}

int lnm_chunk_table_load(struct lnm_media *md)
{
	char *table = malloc(md->sb.table_nbytes);

	if (!table)
		return -1;
	md->chunks = calloc(md->nchunks, sizeof(*md->chunks));
	if (!md->chunks || lnm_pread_all(md->fd, table, md->sb.table_nbytes, md->sb.table_off))
		goto fail;
	for (uint32_t i = 0; i < md->nchunks; ++i) {
		struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS];
		const struct lnm_chunk_rec *rec;
		int pick;

		lnm_chunk_slots_decode(&md->sb, table, i, slots);
		pick = lnm_chunk_slot_load(md, i, slots);
		if (pick < 0)
			goto fail;
		rec = &slots[pick].rec;
		md->chunks[i] = (struct lnm_chunk){
			.gen = rec->gen,
			.wp = rec->wp,
			.nerase = rec->nerase,
			.state = rec->state,
			.wli = rec->wli,
			.mark = rec->mark,
			.faults = rec->faults,
			.endurance = rec->endurance,
			.read_sectr = rec->read_sectr,
			.read_nsectr = rec->read_nsectr,
			.slot = (uint8_t)pick,
		};
	}
	free(table);
	return 0;

fail:
	free(table);
	free(md->chunks);
	md->chunks = NULL;
	if (!errno)
		errno = EINVAL;
	return -1;
}

struct lnm_chunk_rec lnm_chunk_rec_of(const struct lnm_chunk *c, uint64_t gen)
{
	return (struct lnm_chunk_rec){
		.gen = gen,
		.wp = c->wp,
		.nerase = c->nerase,
		.state = c->state,
		.wli = c->wli,
		.mark = c->mark,
		.faults = c->faults,
		.endurance = c->endurance,
		.read_sectr = c->read_sectr,
		.read_nsectr = c->read_nsectr,
	};
}

int lnm_chunk_commit(struct lnm_media *md, uint32_t chunk, struct lnm_chunk next)
{
	struct lnm_chunk *c = &md->chunks[chunk];
	struct lnm_pu *pu = &md->pus[chunk / md->sb.nchunk];

	next.life = c->life + (next.wp < c->wp || next.state == NVM_CHUNK_STATE_FREE);
	if (md->durable) { /* gen and slot are the syncer's (group_commit.c) */
		next.gen = c->gen;
		next.slot = c->slot;
		pthread_mutex_lock(&pu->lock);
		*c = next;
		pthread_mutex_unlock(&pu->lock);
		lnm_group_commit_dirty(md, chunk);
		return 0;
	}
	/* page-cache mode: nothing is synced, so the cover vouches for nothing */
	if (lnm_chunk_slot_store(md->fd, &md->sb, chunk, c->slot ^ 1u,
				 lnm_chunk_rec_of(&next, c->gen + 1), next.wp, 0))
		return -1;
	next.gen = c->gen + 1;
	next.slot = c->slot ^ 1;
	pthread_mutex_lock(&pu->lock);
	*c = next;
	pthread_mutex_unlock(&pu->lock);
	return 0;
}
