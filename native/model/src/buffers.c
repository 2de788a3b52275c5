/*
 * buffers.c: I/O memory (nvm_buf_*). The model needs no pinned memory: buffers are 4 KiB-aligned
 * heap memory, and phys receives the buffer's address as an identifier.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define LNM_BUF_ALIGN_NBYTES 4096

void *nvm_buf_alloc(const struct nvm_dev *dev, size_t nbytes, uint64_t *phys)
{
	void *buf = NULL;
	int err;

	(void)dev;
	if (!nbytes) {
		errno = EINVAL;
		return NULL;
	}
	err = posix_memalign(&buf, LNM_BUF_ALIGN_NBYTES, nbytes);
	if (err) {
		errno = err;
		return NULL;
	}
	memset(buf, 0, nbytes);
	if (phys)
		*phys = (uint64_t)(uintptr_t)buf;
	return buf;
}

void nvm_buf_free(const struct nvm_dev *dev, void *buf)
{
	(void)dev;
	free(buf);
}
