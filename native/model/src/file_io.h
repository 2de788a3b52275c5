/*
 * file_io.h: every byte the model stores goes through here: whole-buffer positioned I/O on the
 * image file (retrying short transfers and EINTR), hole punching and fdatasync.
 *
 * Used by the library and by tools/mkimage.c (which links image.c and file_io.c alone). Built
 * with -DLNM_POWERCUT_SIM (the C tests' power-cut build only), writes, punches and syncs go to
 * the simulator in powercut_sim.c instead, which can later drop what was never synced.
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

/* Deallocate nbytes at off, keeping the file size (they read as zeros). Returns 0, or -1 with
 * errno from fallocate (EOPNOTSUPP without hole punching). */
int lnm_punch_hole(int fd, uint64_t off, uint64_t nbytes);

/* Make every write, punch and size change to fd that has returned so far stable. Returns 0, or
 * -1 with errno from fdatasync. */
int lnm_fdatasync(int fd);

/* The file system's calls behind lnm_pwrite_all and lnm_punch_hole, for the simulator. */
int lnm_sys_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off);
int lnm_sys_punch_hole(int fd, uint64_t off, uint64_t nbytes);

#endif /* LNM_FILE_IO_H */
