/*
 * image.c: the device image's superblock and chunk table (see FORMAT.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_io.h"
#include "image.h"

#define LNM_MAX_NPUGRP 256
#define LNM_MAX_NPUNIT 256
#define LNM_MAX_NCHUNK 65536
#define LNM_MAX_NSECTR (1ULL << 31)
#define LNM_MIN_NBYTES 512
#define LNM_MAX_NBYTES (1ULL << 20)
#define LNM_MAX_NBYTES_OOB 4096
#define LNM_MAX_IMAGE_NBYTES (1ULL << 60)
#define LNM_MCCAP_KNOWN 0x3

/* State bits, as NVM_CHUNK_STATE_* in liblightnvm.h. */
#define LNM_STATE_FREE 0x1
#define LNM_STATE_OFFLINE 0x8

static uint32_t lnm_crc_table[256];
static pthread_once_t lnm_crc_once = PTHREAD_ONCE_INIT;

static void lnm_crc32_init(void)
{
	for (uint32_t i = 0; i < 256; ++i) {
		uint32_t c = i;

		for (int k = 0; k < 8; ++k)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		lnm_crc_table[i] = c;
	}
}

uint32_t lnm_crc32(const void *buf, size_t nbytes)
{
	const uint8_t *p = buf;
	uint32_t c = 0xFFFFFFFFu;

	pthread_once(&lnm_crc_once, lnm_crc32_init);
	for (size_t i = 0; i < nbytes; ++i)
		c = lnm_crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static int lnm_is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static uint64_t lnm_align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) / align * align;
}

static int lnm_fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	errno = EINVAL;
	return -1;
}

uint64_t lnm_chunk_slot_nbytes(const struct lnm_sb *sb)
{
	return sb->version >= LNM_IMAGE_VERSION ? LNM_CHUNK_SLOT_NBYTES : LNM_CHUNK_REC_NBYTES;
}

uint64_t lnm_chunk_slot_off(const struct lnm_sb *sb, uint64_t chunk, unsigned slot)
{
	return sb->table_off + (chunk * LNM_CHUNK_NSLOTS + slot) * lnm_chunk_slot_nbytes(sb);
}

/* lnm_image_layout for a superblock of the given version (2 or 3: the table's slot size). */
static int lnm_image_layout_v(const struct lnm_image_params *p, uint32_t version, struct lnm_sb *sb,
			      const char **why)
{
	uint64_t nchunks, nsectrs;

	if (p->npugrp < 1 || p->npugrp > LNM_MAX_NPUGRP)
		return lnm_fail(why, "npugrp must be in 1..256");
	if (p->npunit < 1 || p->npunit > LNM_MAX_NPUNIT)
		return lnm_fail(why, "npunit must be in 1..256");
	if (p->nchunk < 1 || p->nchunk > LNM_MAX_NCHUNK)
		return lnm_fail(why, "nchunk must be in 1..65536");
	if (p->nsectr < 1 || p->nsectr > LNM_MAX_NSECTR)
		return lnm_fail(why, "nsectr must be in 1..2^31");
	if (!lnm_is_pow2(p->nbytes) || p->nbytes < LNM_MIN_NBYTES || p->nbytes > LNM_MAX_NBYTES)
		return lnm_fail(why, "nbytes must be a power of two in 512..1048576");
	if (p->nbytes_oob > LNM_MAX_NBYTES_OOB)
		return lnm_fail(why, "nbytes-oob must be in 0..4096");
	if (p->ws_min < 1 || p->nsectr % p->ws_min)
		return lnm_fail(why, "ws-min must be >= 1 and divide nsectr");
	if (p->ws_opt < p->ws_min || p->ws_opt % p->ws_min || p->ws_opt > p->nsectr)
		return lnm_fail(why, "ws-opt must be a multiple of ws-min and <= nsectr");
	if (p->mw_cunits > p->nsectr)
		return lnm_fail(why, "mw-cunits must be <= nsectr");
	if (p->mccap & ~(uint32_t)LNM_MCCAP_KNOWN)
		return lnm_fail(why, "mccap may only hold bits 0x1 and 0x2");
	if (p->flags & ~LNM_SB_FLAGS_KNOWN)
		return lnm_fail(why, "unknown superblock flags");

	nchunks = p->npugrp * p->npunit * p->nchunk;
	nsectrs = nchunks * p->nsectr;
	if (nsectrs > LNM_MAX_IMAGE_NBYTES / (p->nbytes + p->nbytes_oob))
		return lnm_fail(why, "geometry too large");

	memset(sb, 0, sizeof(*sb));
	memcpy(sb->magic, LNM_IMAGE_MAGIC, LNM_IMAGE_MAGIC_NBYTES);
	sb->version = version;
	sb->sb_nbytes = LNM_SB_NBYTES;
	sb->npugrp = p->npugrp;
	sb->npunit = p->npunit;
	sb->nchunk = p->nchunk;
	sb->nsectr = p->nsectr;
	sb->nbytes = p->nbytes;
	sb->nbytes_oob = p->nbytes_oob;
	sb->ws_min = p->ws_min;
	sb->ws_opt = p->ws_opt;
	sb->mw_cunits = p->mw_cunits;
	sb->mccap = p->mccap;
	sb->table_off = LNM_SB_NBYTES;
	sb->table_nbytes = lnm_align_up(nchunks * LNM_CHUNK_NSLOTS * lnm_chunk_slot_nbytes(sb),
					LNM_REGION_ALIGN_NBYTES);
	sb->data_off = sb->table_off + sb->table_nbytes;
	sb->data_nbytes = nsectrs * p->nbytes;
	sb->oob_off = lnm_align_up(sb->data_off + sb->data_nbytes, LNM_REGION_ALIGN_NBYTES);
	sb->oob_nbytes = lnm_align_up(nsectrs * p->nbytes_oob, LNM_REGION_ALIGN_NBYTES);
	sb->image_nbytes = sb->oob_off + sb->oob_nbytes;
	sb->flags = p->flags;
	sb->crc = lnm_crc32(sb, offsetof(struct lnm_sb, crc));
	return 0;
}

int lnm_image_layout(const struct lnm_image_params *p, struct lnm_sb *sb, const char **why)
{
	return lnm_image_layout_v(p, LNM_IMAGE_VERSION, sb, why);
}

/* A version 1 superblock keeps its crc where version 2 keeps flags, and zero after it. */
static void lnm_sb_upgrade_v1(struct lnm_sb *sb)
{
	if (sb->version != LNM_IMAGE_VERSION_NOFLAGS || sb->crc ||
	    sb->flags != lnm_crc32(sb, offsetof(struct lnm_sb, flags)))
		return;
	sb->version = LNM_IMAGE_VERSION_UNCOVERED;
	sb->flags = 0;
	sb->crc = lnm_crc32(sb, offsetof(struct lnm_sb, crc));
}

int lnm_sb_validate(struct lnm_sb *sb, uint64_t file_nbytes)
{
	struct lnm_image_params params = {
		.npugrp = sb->npugrp,
		.npunit = sb->npunit,
		.nchunk = sb->nchunk,
		.nsectr = sb->nsectr,
		.nbytes = sb->nbytes,
		.nbytes_oob = sb->nbytes_oob,
		.ws_min = sb->ws_min,
		.ws_opt = sb->ws_opt,
		.mw_cunits = sb->mw_cunits,
		.mccap = sb->mccap,
		.flags = 0,
	};
	struct lnm_sb expect;

	lnm_sb_upgrade_v1(sb);
	params.flags = sb->flags;
	if (memcmp(sb->magic, LNM_IMAGE_MAGIC, LNM_IMAGE_MAGIC_NBYTES) ||
	    (sb->version != LNM_IMAGE_VERSION && sb->version != LNM_IMAGE_VERSION_UNCOVERED) ||
	    sb->sb_nbytes != LNM_SB_NBYTES ||
	    sb->crc != lnm_crc32(sb, offsetof(struct lnm_sb, crc)))
		return lnm_fail(NULL, NULL);
	if (lnm_image_layout_v(&params, sb->version, &expect, NULL))
		return -1;
	if (memcmp(&expect, sb, sizeof(expect)))
		return lnm_fail(NULL, NULL);
	if (file_nbytes < sb->image_nbytes)
		return lnm_fail(NULL, NULL);
	return 0;
}

void lnm_chunk_slot_seal(struct lnm_chunk_slot *s, uint32_t base_wp, uint32_t data_crc)
{
	s->rec.crc = lnm_crc32(&s->rec, offsetof(struct lnm_chunk_rec, crc));
	s->cover = (struct lnm_chunk_cover){
		.gen = s->rec.gen,
		.base_wp = base_wp,
		.data_crc = data_crc,
	};
	s->cover.crc = lnm_crc32(&s->cover, offsetof(struct lnm_chunk_cover, crc));
}

int lnm_chunk_slot_store(int fd, const struct lnm_sb *sb, uint64_t chunk, unsigned slot,
			 struct lnm_chunk_rec rec, uint32_t base_wp, uint32_t data_crc)
{
	struct lnm_chunk_slot s = { .rec = rec };

	lnm_chunk_slot_seal(&s, base_wp, data_crc);
	return lnm_pwrite_all(fd, &s, lnm_chunk_slot_nbytes(sb),
			      lnm_chunk_slot_off(sb, chunk, slot));
}

void lnm_chunk_slots_decode(const struct lnm_sb *sb, const void *table, uint64_t chunk,
			    struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS])
{
	const uint64_t nbytes = lnm_chunk_slot_nbytes(sb);
	const char *raw = (const char *)table + chunk * LNM_CHUNK_NSLOTS * nbytes;

	memset(slots, 0, LNM_CHUNK_NSLOTS * sizeof(*slots));
	for (unsigned i = 0; i < LNM_CHUNK_NSLOTS; ++i)
		memcpy(&slots[i], raw + i * nbytes, nbytes);
}

static int lnm_chunk_rec_valid(const struct lnm_chunk_rec *rec, uint64_t nsectr)
{
	switch (rec->state) {
	case 0x1:
	case 0x2:
	case 0x4:
	case 0x8:
		break;
	default:
		return 0;
	}
	return rec->gen != 0 && rec->wp <= nsectr &&
	       rec->crc == lnm_crc32(rec, offsetof(struct lnm_chunk_rec, crc));
}

/* Write zeros over the data and OOB regions, so that the file system allocates their blocks now
 * and a later write's fdatasync carries no allocation (an fallocate'd extent would still be
 * converted from unwritten on its first write, a metadata change). */
static int lnm_image_preallocate(int fd, const struct lnm_sb *sb)
{
	const size_t piece = 1u << 20;
	char *zeros = calloc(1, piece);
	int rc = zeros ? 0 : -1;

	for (uint64_t off = sb->data_off; !rc && off < sb->image_nbytes; off += piece) {
		uint64_t n = sb->image_nbytes - off < piece ? sb->image_nbytes - off : piece;

		rc = lnm_pwrite_all(fd, zeros, n, off);
	}
	free(zeros);
	return rc;
}

int lnm_image_create(const char *path, const struct lnm_image_params *params,
		     const struct lnm_image_chunk_ref *offline, size_t noffline, int force,
		     const char **why)
{
	struct lnm_sb sb;
	char *table;
	uint64_t nchunks;
	int fd, err;

	if (lnm_image_layout(params, &sb, why))
		return -1;
	for (size_t i = 0; i < noffline; ++i) {
		if (offline[i].pugrp >= params->npugrp || offline[i].punit >= params->npunit ||
		    offline[i].chunk >= params->nchunk)
			return lnm_fail(why, "offline chunk outside the geometry");
	}

	nchunks = params->npugrp * params->npunit * params->nchunk;
	table = calloc(1, sb.table_nbytes);
	if (!table)
		return -1;
	for (uint64_t i = 0; i < nchunks; ++i) {
		struct lnm_chunk_slot slot = { .rec = { .gen = 1, .state = LNM_STATE_FREE } };

		for (size_t k = 0; k < noffline; ++k) {
			uint64_t pu = offline[k].pugrp * params->npunit + offline[k].punit;

			if (pu * params->nchunk + offline[k].chunk == i)
				slot.rec.state = LNM_STATE_OFFLINE;
		}
		lnm_chunk_slot_seal(&slot, 0, 0);
		memcpy(table + (lnm_chunk_slot_off(&sb, i, 0) - sb.table_off), &slot,
		       lnm_chunk_slot_nbytes(&sb));
	}

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0) {
		err = errno;
		free(table);
		errno = err;
		return -1;
	}
	if (ftruncate(fd, (off_t)sb.image_nbytes) ||
	    ((sb.flags & LNM_SB_FLAG_PREALLOCATED) && lnm_image_preallocate(fd, &sb)) ||
	    lnm_pwrite_all(fd, table, sb.table_nbytes, sb.table_off) ||
	    lnm_pwrite_all(fd, &sb, sizeof(sb), 0) || fsync(fd)) {
		err = errno;
		free(table);
		close(fd);
		unlink(path);
		errno = err;
		return -1;
	}
	free(table);
	if (close(fd))
		return -1;
	return 0;
}

int lnm_chunk_slot_valid(const struct lnm_sb *sb, const struct lnm_chunk_slot *s)
{
	static const uint8_t zero[sizeof(s->cover.reserved)];
	const struct lnm_chunk_cover *c = &s->cover;

	if (!lnm_chunk_rec_valid(&s->rec, sb->nsectr))
		return 0;
	if (sb->version < LNM_IMAGE_VERSION)
		return 1; /* no cover */
	return c->gen == s->rec.gen && c->base_wp <= s->rec.wp &&
	       !memcmp(c->reserved, zero, sizeof(zero)) &&
	       c->crc == lnm_crc32(c, offsetof(struct lnm_chunk_cover, crc));
}

int lnm_chunk_slot_pick(const struct lnm_sb *sb,
			const struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS])
{
	const int valid0 = lnm_chunk_slot_valid(sb, &slots[0]);
	const int valid1 = lnm_chunk_slot_valid(sb, &slots[1]);

	if (!valid0 && !valid1)
		return -1;
	return !valid0 || (valid1 && slots[1].rec.gen > slots[0].rec.gen);
}
