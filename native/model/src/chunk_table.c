/*
 * chunk_table.c: persistence of chunk state in the image's chunk table (see FORMAT.md).
 *
 * Each chunk has two 32-byte slots; an update writes the slot not holding the newest generation,
 * so a torn write leaves the previous state readable. In durable mode the syncer
 * (group_commit.c) writes the slots, at most one per chunk per sync epoch.
 */
#include <errno.h>
#include <stdlib.h>

#include "file_io.h"
#include "model.h"

int lnm_chunk_table_load(struct lnm_media *md)
{
	size_t nbytes = (size_t)md->nchunks * LNM_CHUNK_NSLOTS * LNM_CHUNK_REC_NBYTES;
	struct lnm_chunk_rec *recs = malloc(nbytes);

	if (!recs)
		return -1;
	md->chunks = calloc(md->nchunks, sizeof(*md->chunks));
	if (!md->chunks || lnm_pread_all(md->fd, recs, nbytes, md->sb.table_off))
		goto fail;
	for (uint32_t i = 0; i < md->nchunks; ++i) {
		const struct lnm_chunk_rec *slot = &recs[(size_t)i * LNM_CHUNK_NSLOTS];
		const int pick = lnm_chunk_rec_pick(slot, md->sb.nsectr);

		if (pick < 0) {
			errno = EINVAL;
			goto fail;
		}
		md->chunks[i] = (struct lnm_chunk){
			.gen = slot[pick].gen,
			.wp = slot[pick].wp,
			.nerase = slot[pick].nerase,
			.state = slot[pick].state,
			.wli = slot[pick].wli,
			.mark = slot[pick].mark,
			.faults = slot[pick].faults,
			.endurance = slot[pick].endurance,
			.read_sectr = slot[pick].read_sectr,
			.read_nsectr = slot[pick].read_nsectr,
			.slot = (uint8_t)pick,
		};
	}
	free(recs);
	return 0;

fail:
	free(recs);
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

int lnm_chunk_slot_write(struct lnm_media *md, uint32_t chunk, uint8_t slot,
			 struct lnm_chunk_rec rec)
{
	lnm_chunk_rec_seal(&rec);
	return lnm_pwrite_all(md->fd, &rec, sizeof(rec),
			      md->sb.table_off + ((uint64_t)chunk * LNM_CHUNK_NSLOTS + slot) *
							 LNM_CHUNK_REC_NBYTES);
}

int lnm_chunk_commit(struct lnm_media *md, uint32_t chunk, struct lnm_chunk next)
{
	struct lnm_chunk *c = &md->chunks[chunk];
	struct lnm_pu *pu = &md->pus[chunk / md->sb.nchunk];

	if (md->durable) { /* gen and slot are the syncer's (group_commit.c) */
		next.gen = c->gen;
		next.slot = c->slot;
		pthread_mutex_lock(&pu->lock);
		*c = next;
		pthread_mutex_unlock(&pu->lock);
		lnm_group_commit_dirty(md, chunk);
		return 0;
	}
	if (lnm_chunk_slot_write(md, chunk, c->slot ^ 1, lnm_chunk_rec_of(&next, c->gen + 1)))
		return -1;
	next.gen = c->gen + 1;
	next.slot = c->slot ^ 1;
	pthread_mutex_lock(&pu->lock);
	*c = next;
	pthread_mutex_unlock(&pu->lock);
	return 0;
}
