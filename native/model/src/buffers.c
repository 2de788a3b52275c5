/*
 * buffers.c: I/O memory and buffer helpers (nvm_buf_*). The model needs no pinned memory:
 * buffers are 4 KiB-aligned heap memory, and phys receives the buffer's address as an identifier.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
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

void *nvm_buf_realloc(const struct nvm_dev *dev, void *buf, size_t nbytes, uint64_t *phys)
{
	void *grown;
	size_t old_nbytes;

	if (!buf)
		return nvm_buf_alloc(dev, nbytes, phys);
	if (!nbytes) {
		errno = EINVAL;
		return NULL;
	}
	old_nbytes = malloc_usable_size(buf);
	grown = nvm_buf_alloc(dev, nbytes, phys);
	if (!grown)
		return NULL;
	memcpy(grown, buf, old_nbytes < nbytes ? old_nbytes : nbytes);
	free(buf);
	return grown;
}

int nvm_buf_vtophys(const struct nvm_dev *dev, void *buf, uint64_t *phys)
{
	(void)dev;
	if (!buf || !phys) {
		errno = EINVAL;
		return -1;
	}
	*phys = (uint64_t)(uintptr_t)buf;
	return 0;
}

void *nvm_buf_virt_alloc(size_t alignment, size_t nbytes)
{
	void *buf = NULL;
	int err;

	if (!nbytes || !alignment || (alignment & (alignment - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (alignment < sizeof(void *))
		alignment = sizeof(void *);
	err = posix_memalign(&buf, alignment, nbytes);
	if (err) {
		errno = err;
		return NULL;
	}
	return buf;
}

void nvm_buf_virt_free(void *buf)
{
	free(buf);
}

void nvm_buf_fill(char *buf, size_t nbytes)
{
	for (size_t i = 0; i < nbytes; ++i)
		buf[i] = (char)('A' + i % 26);
}

void nvm_buf_pr(const char *buf, size_t nbytes)
{
	const size_t width = 32;

	printf("# NVM_BUF_PR - BEGIN **\n");
	for (size_t i = 0; i < nbytes; ++i) {
		if (!(i % width))
			printf("\ni[%zu,%zu]: ", i, i + width - 1);
		printf(" %c", buf[i]);
	}
	printf("# NVM_BUF_PR - END\n");
}

size_t nvm_buf_diff(const char *expected, const char *actual, size_t nbytes)
{
	size_t ndiff = 0;

	for (size_t i = 0; i < nbytes; ++i)
		ndiff += expected[i] != actual[i];
	return ndiff;
}

void nvm_buf_diff_pr(const char *expected, const char *actual, size_t nbytes)
{
	size_t ndiff = 0;

	printf("buf_diffs:\n");
	for (size_t i = 0; i < nbytes; ++i) {
		const char c = actual[i];

		if (expected[i] == c)
			continue;
		++ndiff;
		printf(" - {i: '%06zu', exp: '%c', actd: %02d, acth: 0x%02x, actc: %c)\n", i,
		       expected[i], (int)c, (int)c, (c > 31 && c < 127) ? c : '?');
	}
	printf("buf_nbytes: %zu\n", nbytes);
	printf("buf_nbytes_diff: %zu\n", ndiff);
}

static int lnm_buf_file_io(char *buf, size_t nbytes, const char *path, int to_file)
{
	FILE *f;
	size_t n;
	int err;

	if (!buf || !path) {
		errno = EINVAL;
		return -1;
	}
	f = fopen(path, to_file ? "wb" : "rb");
	if (!f)
		return -1;
	n = to_file ? fwrite(buf, 1, nbytes, f) : fread(buf, 1, nbytes, f);
	err = ferror(f) ? errno : EINVAL; /* a short transfer without an error: EINVAL */
	if (fclose(f) && to_file)
		return -1;
	if (n != nbytes) {
		errno = err;
		return -1;
	}
	return 0;
}

int nvm_buf_to_file(char *buf, size_t nbytes, const char *path)
{
	return lnm_buf_file_io(buf, nbytes, path, 1);
}

int nvm_buf_from_file(char *buf, size_t nbytes, const char *path)
{
	return lnm_buf_file_io(buf, nbytes, path, 0);
}

void nvm_buf_set_free(struct nvm_buf_set *bufs)
{
	if (!bufs)
		return;
	nvm_buf_free(bufs->dev, bufs->write);
	nvm_buf_free(bufs->dev, bufs->write_meta);
	nvm_buf_free(bufs->dev, bufs->read);
	nvm_buf_free(bufs->dev, bufs->read_meta);
	free(bufs);
}

struct nvm_buf_set *nvm_buf_set_alloc(struct nvm_dev *dev, size_t nbytes, size_t nbytes_meta)
{
	struct nvm_buf_set *bufs = calloc(1, sizeof(*bufs));

	if (!bufs)
		return NULL;
	bufs->dev = dev;
	bufs->nbytes = nbytes;
	bufs->nbytes_meta = nbytes_meta;
	if (nbytes && (!(bufs->write = nvm_buf_alloc(dev, nbytes, NULL)) ||
		       !(bufs->read = nvm_buf_alloc(dev, nbytes, NULL))))
		goto fail;
	if (nbytes_meta && (!(bufs->write_meta = nvm_buf_alloc(dev, nbytes_meta, NULL)) ||
			    !(bufs->read_meta = nvm_buf_alloc(dev, nbytes_meta, NULL))))
		goto fail;
	return bufs;

fail:
	nvm_buf_set_free(bufs);
	errno = ENOMEM;
	return NULL;
}

void nvm_buf_set_fill(struct nvm_buf_set *bufs)
{
	if (!bufs)
		return;
	if (bufs->nbytes) {
		nvm_buf_fill(bufs->write, bufs->nbytes);
		memset(bufs->read, 0, bufs->nbytes);
	}
	if (bufs->nbytes_meta) {
		nvm_buf_fill(bufs->write_meta, bufs->nbytes_meta);
		memset(bufs->read_meta, 0, bufs->nbytes_meta);
	}
}

void nvm_buf_set_pr(struct nvm_buf_set *bufs)
{
	if (!bufs) {
		printf("buf_set: ~\n");
		return;
	}
	printf("buf_set:\n");
	printf("  bufs: %p\n", (void *)bufs);
	printf("  nbytes: %zu\n", bufs->nbytes);
	printf("  nbytes_meta: %zu\n", bufs->nbytes_meta);
	printf("  write: %p\n", (void *)bufs->write);
	printf("  write_meta: %p\n", (void *)bufs->write_meta);
	printf("  read: %p\n", (void *)bufs->read);
	printf("  read_meta: %p\n", (void *)bufs->read_meta);
}
