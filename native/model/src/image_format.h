/*
 * image_format.h: the on-disk layout of a device image (see FORMAT.md).
 *
 * All integers are little-endian (the model runs on x86-64). Tests include this header to corrupt
 * or inspect images; nothing here is part of the exported ABI.
 */
#ifndef LNM_IMAGE_FORMAT_H
#define LNM_IMAGE_FORMAT_H

#include <stdint.h>

#define LNM_IMAGE_MAGIC "LNVMIMG1"
#define LNM_IMAGE_MAGIC_NBYTES 8
#define LNM_IMAGE_VERSION 3
/* Version 2 images (32-byte table slots, no data covers) still open; version 1 superblocks (no
 * flags word; crc where version 2 keeps flags) are read as version 2 with flags 0. */
#define LNM_IMAGE_VERSION_UNCOVERED 2
#define LNM_IMAGE_VERSION_NOFLAGS 1
#define LNM_SB_NBYTES 4096
#define LNM_REGION_ALIGN_NBYTES 4096
#define LNM_CHUNK_REC_NBYTES 32
#define LNM_CHUNK_COVER_NBYTES 32
/* A table slot: a record, and from version 3 on its cover right after it. */
#define LNM_CHUNK_SLOT_NBYTES (LNM_CHUNK_REC_NBYTES + LNM_CHUNK_COVER_NBYTES)
#define LNM_CHUNK_NSLOTS 2

/* Superblock flags. */
#define LNM_SB_FLAG_DURABLE 0x1u      /* completions wait for stable storage (group commit) */
#define LNM_SB_FLAG_PREALLOCATED 0x2u /* data and OOB written at creation; resets keep blocks */
#define LNM_SB_FLAGS_KNOWN (LNM_SB_FLAG_DURABLE | LNM_SB_FLAG_PREALLOCATED)

/* Superblock at offset 0; crc is the CRC32 of every byte before it. */
struct lnm_sb {
	char magic[LNM_IMAGE_MAGIC_NBYTES];
	uint32_t version;
	uint32_t sb_nbytes;
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
	uint64_t table_off;
	uint64_t table_nbytes;
	uint64_t data_off;
	uint64_t data_nbytes;
	uint64_t oob_off;
	uint64_t oob_nbytes;
	uint64_t image_nbytes;
	uint32_t flags; /* LNM_SB_FLAG_* (version 2) */
	uint32_t crc;
};

/* One slot of a chunk's record; each chunk has two slots (A at +0, B at +32) in the chunk table.
 * crc is the CRC32 of the first 28 bytes; a slot is valid when its crc matches and gen != 0. */
struct lnm_chunk_rec {
	uint64_t gen;
	uint32_t wp;
	uint32_t nerase;
	uint8_t state;
	uint8_t wli;
	uint8_t mark; /* bad-block state that took an OFFLINE chunk offline, or 0 */
	/* injected faults (lnvm-fault; see FORMAT.md) */
	uint8_t faults;	      /* LNM_FAULT_* bits */
	uint32_t read_sectr;  /* first sector whose reads complete with 0x2D0 */
	uint16_t endurance;   /* resets the chunk survives; 0: unlimited */
	uint16_t read_nsectr; /* number of such sectors (LNM_FAULT_READ_ECC) */
	uint32_t crc;
};

/* The cover of a version 3 slot, right after its record: what the record vouches for. The slot
 * holds only when data_crc is the CRC32C of the chunk's data sectors [base_wp, rec.wp) followed
 * by their OOB bytes, as the file holds them (0 for an empty range). crc is the CRC32 of the
 * first 28 bytes; gen equals the record's; reserved is zero. */
struct lnm_chunk_cover {
	uint64_t gen;
	uint32_t base_wp;
	uint32_t data_crc;
	uint8_t reserved[12];
	uint32_t crc;
};

/* One table slot as the model handles it (version 2 slots have no cover on disk). */
struct lnm_chunk_slot {
	struct lnm_chunk_rec rec;
	struct lnm_chunk_cover cover;
};

/* Fault bits of a chunk record. */
#define LNM_FAULT_READ_ECC 0x1	  /* reads of read_sectr.. complete with 0x2D0 (data returned) */
#define LNM_FAULT_WRITE 0x2	  /* writes fail with 0x280 and apply nothing */
#define LNM_FAULT_EARLY_CLOSE 0x4 /* the next write applies, then closes the chunk: 0x2F1 */
#define LNM_FAULT_KNOWN 0x7

_Static_assert(sizeof(struct lnm_sb) == 144, "superblock layout");
_Static_assert(sizeof(struct lnm_chunk_rec) == LNM_CHUNK_REC_NBYTES, "chunk record layout");
_Static_assert(__builtin_offsetof(struct lnm_chunk_rec, crc) == 28, "chunk record crc");
_Static_assert(sizeof(struct lnm_chunk_cover) == LNM_CHUNK_COVER_NBYTES, "chunk cover layout");
_Static_assert(__builtin_offsetof(struct lnm_chunk_cover, crc) == 28, "chunk cover crc");
_Static_assert(sizeof(struct lnm_chunk_slot) == LNM_CHUNK_SLOT_NBYTES, "chunk slot layout");

#endif /* LNM_IMAGE_FORMAT_H */
