/*
 * image.h: creating, validating and decoding device images (superblock, chunk table).
 *
 * Used by the library (device.c, chunk_table.c) and by tools/mkimage.c, which links image.c and
 * file_io.c alone.
 */
#ifndef LNM_IMAGE_H
#define LNM_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "image_format.h"

/* Geometry and media parameters of a new image. */
struct lnm_image_params {
	uint64_t npugrp;
	uint64_t npunit;
	uint64_t nchunk;
	uint64_t nsectr;
	uint64_t nbytes;
	uint64_t nbytes_oob;
	uint32_t ws_min;
	uint32_t ws_opt;
	uint32_t mw_cunits;
	uint32_t mccap;
	uint32_t flags; /* LNM_SB_FLAG_* */
};

/* A chunk to create in state OFFLINE. */
struct lnm_image_chunk_ref {
	uint64_t pugrp;
	uint64_t punit;
	uint64_t chunk;
};

/* CRC32 (IEEE 802.3, as zlib's crc32) of nbytes at buf. */
uint32_t lnm_crc32(const void *buf, size_t nbytes);

/* Fill sb (magic, geometry, region offsets, crc) from params. Returns 0, or -1 with errno EINVAL
 * and *why (if not NULL) naming the offending parameter. */
int lnm_image_layout(const struct lnm_image_params *params, struct lnm_sb *sb, const char **why);

/* Check a superblock read from an image of file_nbytes bytes: magic, version, crc, flags,
 * geometry limits, region offsets and file size. A version 1 superblock is rewritten in memory as
 * the equivalent version 2 one (flags 0). Returns 0, or -1 with errno EINVAL. */
int lnm_sb_validate(struct lnm_sb *sb, uint64_t file_nbytes);

/* Create a sparse image at path: superblock, a chunk table with every chunk FREE (or OFFLINE when
 * listed in offline), and an unallocated data and OOB region. Refuses an existing path unless
 * force. Returns 0, or -1 with errno (EEXIST, EINVAL with *why, or the failing syscall's). */
int lnm_image_create(const char *path, const struct lnm_image_params *params,
		     const struct lnm_image_chunk_ref *offline, size_t noffline, int force,
		     const char **why);

/* Bytes of one table slot in an image with superblock sb: 64 from version 3 on (record and
 * cover), else 32 (record alone). */
uint64_t lnm_chunk_slot_nbytes(const struct lnm_sb *sb);

/* File offset of a chunk's table slot (0 or 1). */
uint64_t lnm_chunk_slot_off(const struct lnm_sb *sb, uint64_t chunk, unsigned slot);

/* Seal s: the record's crc, and a cover for s->rec.gen vouching for the data sectors
 * [base_wp, s->rec.wp) with CRC32C data_crc (base_wp == wp, data_crc 0: nothing to vouch for). */
void lnm_chunk_slot_seal(struct lnm_chunk_slot *s, uint32_t base_wp, uint32_t data_crc);

/* Seal rec with that cover and write it as a chunk's table slot (the cover only from version 3
 * on). Returns 0, or -1 with errno from pwrite. */
int lnm_chunk_slot_store(int fd, const struct lnm_sb *sb, uint64_t chunk, unsigned slot,
			 struct lnm_chunk_rec rec, uint32_t base_wp, uint32_t data_crc);

/* A chunk's two slots out of the table region's bytes (table: table_nbytes at table_off). */
void lnm_chunk_slots_decode(const struct lnm_sb *sb, const void *table, uint64_t chunk,
			    struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS]);

/* 1 when s is a valid slot in an image with superblock sb: the record's crc, gen != 0, one state
 * bit, wp <= nsectr; from version 3 on also a cover with a matching crc and gen, base_wp <= wp
 * and zero reserved bytes. Whether the data matches the cover is the opener's check. */
int lnm_chunk_slot_valid(const struct lnm_sb *sb, const struct lnm_chunk_slot *s);

/* Index (0 or 1) of the valid slot with the highest generation; -1 when neither is valid. */
int lnm_chunk_slot_pick(const struct lnm_sb *sb,
			const struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS]);

#endif /* LNM_IMAGE_H */
