/*
 * image_v2.h: a version 2 image for the tests that check older images still work. lnvm-mkimage
 * writes version 3 (64-byte table slots: record and cover); a version 2 image has 32-byte slots
 * (the record alone). For a geometry of at most 32 chunks both tables fit in 4 KiB, so the
 * regions start at the same offsets and converting a fresh image rewrites only the superblock's
 * version and the table.
 */
#ifndef LNM_TEST_IMAGE_V2_H
#define LNM_TEST_IMAGE_V2_H

#include <stddef.h>

#include "harness.h"
#include "image_format.h"

/* Create a fresh image with mkimage ARGS (at most 32 chunks) and rewrite it as version 2. */
static inline char *h_image_v2(const char *args)
{
	char *path = h_image(args);
	int fd = open(path, O_RDWR);
	struct lnm_sb sb;
	char v3[LNM_REGION_ALIGN_NBYTES], v2[LNM_REGION_ALIGN_NBYTES] = { 0 };
	uint64_t nchunks;

	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, &sb, sizeof(sb), 0), sizeof(sb));
	nchunks = sb.npugrp * sb.npunit * sb.nchunk;
	CHECK(sb.table_nbytes == sizeof(v3) && nchunks <= 32);
	CHECK_EQ(pread(fd, v3, sizeof(v3), (off_t)sb.table_off), sizeof(v3));
	for (uint64_t i = 0; i < nchunks; ++i) /* slot A's record; slot B stays zero */
		memcpy(v2 + i * LNM_CHUNK_NSLOTS * LNM_CHUNK_REC_NBYTES,
		       v3 + i * LNM_CHUNK_NSLOTS * LNM_CHUNK_SLOT_NBYTES, LNM_CHUNK_REC_NBYTES);
	sb.version = 2;
	sb.crc = h_crc32(&sb, offsetof(struct lnm_sb, crc));
	CHECK_EQ(pwrite(fd, v2, sizeof(v2), (off_t)sb.table_off), sizeof(v2));
	CHECK_EQ(pwrite(fd, &sb, sizeof(sb), 0), sizeof(sb));
	close(fd);
	return path;
}

#endif /* LNM_TEST_IMAGE_V2_H */
