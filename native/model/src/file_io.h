/*
 * file_io.h: whole-buffer positioned I/O on the image file, retrying short transfers and EINTR.
 *
 * Used by the library and by tools/mkimage.c (which links image.c and file_io.c alone).
 */
#ifndef LNM_FILE_IO_H
#define LNM_FILE_IO_H

#include <stddef.h>
#include <stdint.h>

/* Read nbytes at off into buf; bytes past the end of the file read as zeros (a truncated image).
 * Returns 0, or -1 with errno from pread. */
int lnm_pread_all(int fd, void *buf, size_t nbytes, uint64_t off);

/* Write nbytes from buf at off. Returns 0, or -1 with errno from pwrite. */
int lnm_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off);

#endif /* LNM_FILE_IO_H */
