/*
 * file_io.c: whole-buffer positioned I/O on the image file (see file_io.h).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "file_io.h"

int lnm_pread_all(int fd, void *buf, size_t nbytes, uint64_t off)
{
	char *p = buf;

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

int lnm_pwrite_all(int fd, const void *buf, size_t nbytes, uint64_t off)
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
