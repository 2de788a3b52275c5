/*
 * chunk_rules.c: the OCSSD 2.0 chunk state machine, write pointer and status codes. State changes
 * are persisted through chunk_table.c, data and OOB bytes through file_io.c.
 *
 * Runs on the worker that owns the chunks' PU. A write's addresses are grouped into chunk runs
 * (all its addresses into one chunk); a run is validated completely before any of it is applied,
 * so a run is all-or-nothing while other runs of the same command may succeed.
 */
#include <errno.h>
#include <string.h>

#include "file_io.h"
#include "model.h"

static void lnm_part_fail(struct lnm_part *part, uint64_t idx_mask, uint16_t status)
{
	unsigned lowest = (unsigned)__builtin_ctzll(idx_mask);

	if (!part->failed || lowest < (unsigned)__builtin_ctzll(part->failed))
		part->status = status;
	part->failed |= idx_mask;
}

static uint64_t lnm_bits(unsigned first, unsigned n)
{
	return (n >= 64 ? ~0ULL : ((1ULL << n) - 1)) << first;
}

/* Sectors below this limit are readable: all of a CLOSED chunk; in an OPEN chunk all but the
 * last mw_cunits sectors below the write pointer; nothing of a FREE or OFFLINE chunk. */
static uint32_t lnm_chunk_readable(const struct lnm_media *md, const struct lnm_chunk *c)
{
	switch (c->state) {
	case NVM_CHUNK_STATE_CLOSED:
		return c->wp;
	case NVM_CHUNK_STATE_OPEN:
		return c->wp > md->sb.mw_cunits ? c->wp - md->sb.mw_cunits : 0;
	default:
		return 0;
	}
}

/* Number of indices from i on that are in mask and continue i's sector run in its chunk. */
static unsigned lnm_run_len(const struct lnm_sect *sects, uint64_t mask, unsigned i, uint32_t limit)
{
	unsigned n = 1;

	while (i + n < NVM_NADDR_MAX && (mask >> (i + n) & 1) &&
	       sects[i + n].chunk == sects[i].chunk && sects[i + n].sectr == sects[i].sectr + n &&
	       sects[i + n].sectr < limit)
		++n;
	return n;
}

/* Injected read errors: the sectors of run [i, i + n) inside the chunk's faulty range were read
 * (their data is returned) but complete with 0x2D0, as a drive reports data it recovered with
 * high ECC effort. */
static void lnm_read_faults(const struct lnm_media *md, struct lnm_part *part,
			    const struct lnm_sect *sects, unsigned i, unsigned n)
{
	const struct lnm_chunk *c = &md->chunks[sects[i].chunk];
	const uint64_t first = c->read_sectr, end = first + c->read_nsectr;

	if (!(c->faults & LNM_FAULT_READ_ECC))
		return;
	for (unsigned k = i; k < i + n; ++k) {
		if (sects[k].sectr >= first && sects[k].sectr < end)
			lnm_part_fail(part, 1ULL << k, NVM_STATUS_READ_HIGH_ECC);
	}
}

static void lnm_part_read(struct lnm_media *md, struct lnm_part *part, const struct lnm_sect *sects,
			  char *data, char *meta)
{
	const size_t nbytes = md->sb.nbytes, nbytes_oob = md->sb.nbytes_oob;
	const int dulbe = (atomic_load_explicit(&md->feat_err_rec, memory_order_relaxed) >> 16) & 1;
	uint64_t mask = part->mask;

	while (mask) {
		unsigned i = (unsigned)__builtin_ctzll(mask);
		const struct lnm_sect *s = &sects[i];
		uint32_t limit = 0;
		unsigned n;

		if (s->chunk != LNM_CHUNK_NONE)
			limit = lnm_chunk_readable(md, &md->chunks[s->chunk]);
		if (s->sectr >= limit) {
			if (dulbe) {
				lnm_part_fail(part, 1ULL << i, NVM_STATUS_DULB);
			} else {
				memset(data + i * nbytes, 0, nbytes);
				if (meta)
					memset(meta + i * nbytes_oob, 0, nbytes_oob);
			}
			mask &= mask - 1;
			continue;
		}
		n = lnm_run_len(sects, mask, i, limit);
		if (lnm_pread_all(md->fd, data + i * nbytes, n * nbytes,
				  lnm_addr_data_off(md, s->chunk, s->sectr)) ||
		    (meta && lnm_pread_all(md->fd, meta + i * nbytes_oob, n * nbytes_oob,
					   lnm_addr_oob_off(md, s->chunk, s->sectr))))
			lnm_part_fail(part, lnm_bits(i, n), LNM_STATUS_UNRECOVERED_READ);
		else
			lnm_read_faults(md, part, sects, i, n);
		mask &= ~lnm_bits(i, n);
	}
}

/* Validate one chunk run of a write (the indices in run, all into chunk). Returns 0 or the status
 * that fails the whole run. */
static uint16_t lnm_run_write_check(const struct lnm_media *md, const struct lnm_chunk *c,
				    const struct lnm_sect *sects, uint64_t run)
{
	uint32_t expect = c->wp;

	if (c->state & (NVM_CHUNK_STATE_CLOSED | NVM_CHUNK_STATE_OFFLINE))
		return NVM_STATUS_WRITE_FAULT;
	if (c->faults & LNM_FAULT_WRITE) /* injected: the media refuses the write */
		return NVM_STATUS_WRITE_FAULT;
	for (uint64_t m = run; m; m &= m - 1) {
		if (sects[__builtin_ctzll(m)].sectr >= md->sb.nsectr)
			return NVM_STATUS_WRITE_FAULT;
	}
	if ((unsigned)__builtin_popcountll(run) % md->sb.ws_min)
		return NVM_STATUS_INVALID_FIELD;
	for (uint64_t m = run; m; m &= m - 1) {
		if (sects[__builtin_ctzll(m)].sectr != expect++)
			return NVM_STATUS_OUT_OF_ORDER_WRITE;
	}
	return 0;
}

static uint16_t lnm_run_write(struct lnm_media *md, uint32_t chunk, const struct lnm_sect *sects,
			      uint64_t run, const char *data, const char *meta)
{
	const size_t nbytes = md->sb.nbytes, nbytes_oob = md->sb.nbytes_oob;
	struct lnm_chunk next = md->chunks[chunk];
	uint16_t status = lnm_run_write_check(md, &next, sects, run);

	if (status)
		return status;
	for (uint64_t m = run; m;) {
		unsigned i = (unsigned)__builtin_ctzll(m);
		unsigned n = lnm_run_len(sects, m, i, UINT32_MAX);

		if (lnm_pwrite_all(md->fd, data + i * nbytes, n * nbytes,
				   lnm_addr_data_off(md, chunk, sects[i].sectr)) ||
		    (meta && nbytes_oob &&
		     lnm_pwrite_all(md->fd, meta + i * nbytes_oob, n * nbytes_oob,
				    lnm_addr_oob_off(md, chunk, sects[i].sectr))))
			return NVM_STATUS_WRITE_FAULT;
		m &= ~lnm_bits(i, n);
	}
	next.wp += (uint32_t)__builtin_popcountll(run);
	next.state = next.wp == md->sb.nsectr ? NVM_CHUNK_STATE_CLOSED : NVM_CHUNK_STATE_OPEN;
	if (next.faults & LNM_FAULT_EARLY_CLOSE) {
		/* injected, once: the data is written, then the device closes the chunk */
		next.faults &= (uint8_t)~LNM_FAULT_EARLY_CLOSE;
		next.state = NVM_CHUNK_STATE_CLOSED;
		status = NVM_STATUS_CHUNK_EARLY_CLOSE;
	}
	if (lnm_chunk_commit(md, chunk, next))
		return NVM_STATUS_WRITE_FAULT;
	return status;
}

static void lnm_part_write(struct lnm_media *md, struct lnm_part *part,
			   const struct lnm_sect *sects, const char *data, const char *meta)
{
	uint64_t mask = part->mask;

	while (mask) {
		unsigned i = (unsigned)__builtin_ctzll(mask);
		uint32_t chunk = sects[i].chunk;
		uint64_t run = 0;
		uint16_t status;

		if (chunk == LNM_CHUNK_NONE) {
			lnm_part_fail(part, 1ULL << i, NVM_STATUS_WRITE_FAULT);
			mask &= mask - 1;
			continue;
		}
		for (uint64_t m = mask; m; m &= m - 1) {
			unsigned j = (unsigned)__builtin_ctzll(m);

			if (sects[j].chunk == chunk)
				run |= 1ULL << j;
		}
		mask &= ~run;
		status = lnm_run_write(md, chunk, sects, run, data, meta);
		if (status)
			lnm_part_fail(part, run, status);
	}
}

/* Discard a reset chunk's data and OOB bytes. For data this is space reclamation only, since
 * reads at or beyond the write pointer never touch the file; with LNVM_MODEL_DISCARD=0 the data
 * stays (a rewrite then overwrites cached pages instead of allocating). OOB bytes are always
 * cleared: a rewrite without metadata must not show the old metadata. */
static void lnm_chunk_discard(struct lnm_media *md, uint32_t chunk)
{
	uint64_t oob_nbytes = md->sb.nsectr * md->sb.nbytes_oob;

	if (md->discard)
		(void)lnm_punch_hole(md->fd, lnm_addr_data_off(md, chunk, 0),
				     md->sb.nsectr * md->sb.nbytes);
	if (!oob_nbytes)
		return;
	if (!md->discard || lnm_punch_hole(md->fd, lnm_addr_oob_off(md, chunk, 0), oob_nbytes)) {
		/* OOB of a rewritten sector must not show old metadata: zero it the slow way. */
		char zeros[4096] = { 0 };

		for (uint64_t off = 0; off < oob_nbytes; off += sizeof(zeros)) {
			uint64_t n = oob_nbytes - off < sizeof(zeros) ? oob_nbytes - off
								      : sizeof(zeros);

			if (lnm_pwrite_all(md->fd, zeros, n, lnm_addr_oob_off(md, chunk, 0) + off))
				break;
		}
	}
}

/* Wear-level index after c->nerase resets: the resets so far scaled to 0..255 over the chunk's
 * endurance when it has one, else the count itself (saturating at 255). */
static uint8_t lnm_chunk_wli(const struct lnm_chunk *c)
{
	uint64_t wli = c->nerase;

	if (c->endurance)
		wli = wli * LNM_WLI_MAX / c->endurance;
	return wli > LNM_WLI_MAX ? LNM_WLI_MAX : (uint8_t)wli;
}

/* Reset each chunk; with descrs (the command's meta), descrs[i] receives address i's chunk
 * descriptor after the reset. A reset publishes the chunk FREE, then discards its bytes. In
 * durable mode the discard waits until the FREE state is stable: a power loss must not leave the
 * chunk in its old state with its data already gone. Later writes to the chunk queue behind the
 * reset on the same worker, so they land after the discard. */
static void lnm_part_erase(struct lnm_media *md, struct lnm_part *part,
			   const struct lnm_sect *sects, struct nvm_spec_rprt_descr *descrs)
{
	uint64_t applied = 0;

	for (uint64_t mask = part->mask; mask; mask &= mask - 1) {
		unsigned i = (unsigned)__builtin_ctzll(mask);
		uint32_t chunk = sects[i].chunk;
		struct lnm_chunk next;
		uint16_t status = 0;

		if (chunk == LNM_CHUNK_NONE) {
			lnm_part_fail(part, 1ULL << i, NVM_STATUS_INVALID_RESET);
			continue;
		}
		next = md->chunks[chunk];
		switch (next.state) {
		case NVM_CHUNK_STATE_OFFLINE:
			status = NVM_STATUS_OFFLINE_CHUNK;
			break;
		case NVM_CHUNK_STATE_OPEN:
			status = NVM_STATUS_INVALID_RESET;
			break;
		case NVM_CHUNK_STATE_FREE:
			if (!(md->sb.mccap & NVM_MCCAP_MULTIPLE_RESETS))
				status = NVM_STATUS_INVALID_RESET;
			break;
		default:
			break;
		}
		if (!status && next.endurance && next.nerase >= next.endurance) {
			/* worn out: the reset fails and the chunk goes offline as grown bad */
			next.state = NVM_CHUNK_STATE_OFFLINE;
			next.mark = NVM_BBT_GBAD;
			status = lnm_chunk_commit(md, chunk, next) ? NVM_STATUS_WRITE_FAULT
								   : NVM_STATUS_OFFLINE_CHUNK;
		} else if (!status) {
			next.state = NVM_CHUNK_STATE_FREE;
			next.wp = 0;
			next.nerase += 1;
			next.wli = lnm_chunk_wli(&next);
			if (lnm_chunk_commit(md, chunk, next))
				status = NVM_STATUS_WRITE_FAULT;
		}
		if (descrs)
			lnm_chunk_descr(md, chunk, &md->chunks[chunk], &descrs[i]);
		if (status) {
			lnm_part_fail(part, 1ULL << i, status);
			continue;
		}
		applied |= 1ULL << i;
	}
	if (applied && md->durable && lnm_group_commit_wait(md)) {
		lnm_part_fail(part, applied, NVM_STATUS_WRITE_FAULT);
		return;
	}
	for (uint64_t mask = applied; mask; mask &= mask - 1)
		lnm_chunk_discard(md, sects[__builtin_ctzll(mask)].chunk);
}

/* Bad-block marks: NVM_BBT_FREE brings an OFFLINE chunk back as FREE (write pointer 0) and leaves
 * other chunks alone; any other state takes the chunk OFFLINE with that mark. */
static void lnm_part_mark(struct lnm_media *md, struct lnm_part *part, const struct lnm_sect *sects,
			  uint8_t mark)
{
	for (uint64_t mask = part->mask; mask; mask &= mask - 1) {
		unsigned i = (unsigned)__builtin_ctzll(mask);
		uint32_t chunk = sects[i].chunk;
		struct lnm_chunk next;

		if (chunk == LNM_CHUNK_NONE) {
			lnm_part_fail(part, 1ULL << i, NVM_STATUS_INVALID_FIELD);
			continue;
		}
		next = md->chunks[chunk];
		if (mark == NVM_BBT_FREE) {
			if (next.state != NVM_CHUNK_STATE_OFFLINE)
				continue;
			next.state = NVM_CHUNK_STATE_FREE;
			next.wp = 0;
		} else {
			next.state = NVM_CHUNK_STATE_OFFLINE;
		}
		next.mark = mark;
		if (lnm_chunk_commit(md, chunk, next))
			lnm_part_fail(part, 1ULL << i, NVM_STATUS_WRITE_FAULT);
	}
}

void lnm_chunk_part_exec(struct lnm_media *md, struct lnm_part *part)
{
	struct lnm_cmd *cmd = part->cmd;

	part->failed = 0;
	part->status = 0;
	switch (cmd->opc) {
	case LNM_OPC_READ:
		lnm_part_read(md, part, cmd->sects, cmd->data, cmd->meta);
		break;
	case LNM_OPC_WRITE:
		lnm_part_write(md, part, cmd->sects, cmd->data, cmd->meta);
		break;
	case LNM_OPC_ERASE:
		lnm_part_erase(md, part, cmd->sects, cmd->meta);
		break;
	case LNM_OPC_COPY:
		if (!cmd->stage)
			lnm_part_read(md, part, cmd->sects, cmd->copy->bounce,
				      cmd->copy->bounce_meta);
		else
			lnm_part_write(md, part, cmd->copy->dst, cmd->copy->bounce,
				       cmd->copy->bounce_meta);
		break;
	case LNM_OPC_MARK:
		lnm_part_mark(md, part, cmd->sects, cmd->mark);
		break;
	}
}
