/*
 * file_io.c: whole-buffer positioned I/O on the image file, hole punching and fdatasync (see
 * file_io.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "file_io.h"
#include "powercut_sim.h"

int lnm_pread_all(int fd, void *buf, size_t nbytes, uint64_t off)
{
	char *p = buf;

#ifdef LNM_POWERCUT_SIM
	if (lnm_powercut_sim_is_off()) {
		errno = EIO;
		return -1;
	}
#endif

	while (nbytes) {
		ssize_t n = pread(fd, p, nbytes, (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) { /* past the end of a truncated image: zeros */
			memset(p, 0, nbytes);
			return 0;
		}
		p += n;
		nbytes -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* The file system's own calls; the power-cut simulator stores through these too. */
int lnm_sys_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off)
{
	const char *p = buf;

	while (nbytes) {
		ssize_t n = pwrite(fd, p, nbytes, (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		nbytes -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int lnm_sys_punch_hole(int fd, uint64_t off, uint64_t nbytes)
{
	return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)nbytes);
}

#ifdef LNM_POWERCUT_SIM
int lnm_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off)
{
	return lnm_powercut_sim_write(fd, buf, nbytes, off);
}

int lnm_punch_hole(int fd, uint64_t off, uint64_t nbytes)
{
	return lnm_powercut_sim_write(fd, NULL, nbytes, off);
}

int lnm_fdatasync(int fd)
{
	return lnm_powercut_sim_sync(fd);
}
#else
int lnm_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off)
{
	return lnm_sys_pwrite_all(fd, buf, nbytes, off);
}

int lnm_punch_hole(int fd, uint64_t off, uint64_t nbytes)
{
	return lnm_sys_punch_hole(fd, off, nbytes);
}

int lnm_fdatasync(int fd)
{
	return fdatasync(fd);
}
#endif
