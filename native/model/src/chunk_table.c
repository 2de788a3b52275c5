/*
 * chunk_table.c: persistence of chunk state in the image's chunk table (see FORMAT.md).
 *
 * Each chunk has two 32-byte slots; an update writes the slot not holding the newest generation,
 * so a torn write leaves the previous state readable.
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

int lnm_chunk_commit(struct lnm_media *md, uint32_t chunk, struct lnm_chunk next)
{
	struct lnm_chunk *c = &md->chunks[chunk];
	struct lnm_pu *pu = &md->pus[chunk / md->sb.nchunk];
	struct lnm_chunk_rec rec = {
		.gen = c->gen + 1,
		.wp = next.wp,
		.nerase = next.nerase,
		.state = next.state,
		.wli = next.wli,
		.mark = next.mark,
		.faults = next.faults,
		.endurance = next.endurance,
		.read_sectr = next.read_sectr,
		.read_nsectr = next.read_nsectr,
	};
	uint8_t slot = c->slot ^ 1;

	lnm_chunk_rec_seal(&rec);
	if (lnm_pwrite_all(md->fd, &rec, sizeof(rec),
			   md->sb.table_off + ((uint64_t)chunk * LNM_CHUNK_NSLOTS + slot) *
						      LNM_CHUNK_REC_NBYTES))
		return -1;
	next.gen = rec.gen;
	next.slot = slot;
	pthread_mutex_lock(&pu->lock);
	*c = next;
	pthread_mutex_unlock(&pu->lock);
	return 0;
}
