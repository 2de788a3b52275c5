/*
 * image_sb.h: the superblock of an image file, for the tests that inspect its fields.
 */
#ifndef LNM_TEST_IMAGE_SB_H
#define LNM_TEST_IMAGE_SB_H

#include "harness.h"
#include "image_format.h"

/* The superblock of the image at path, as stored. */
static inline struct lnm_sb h_sb(const char *path)
{
	struct lnm_sb sb;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, &sb, sizeof(sb), 0), sizeof(sb));
	close(fd);
	return sb;
}

#endif /* LNM_TEST_IMAGE_SB_H */
