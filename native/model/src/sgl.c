/*
 * sgl.c: scatter-gather lists (nvm_sgl_*) and their pools. A list is an array of segments; a
 * pool keeps emptied lists for reuse. Commands gather from and scatter into lists (commands.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

struct nvm_sgl_pool {
	struct nvm_sgl *free; /* lists returned with nvm_sgl_free */
};

struct nvm_sgl_pool *nvm_sgl_pool_create(struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	return calloc(1, sizeof(struct nvm_sgl_pool));
}

void nvm_sgl_pool_destroy(struct nvm_sgl_pool *pool)
{
	if (!pool)
		return;
	while (pool->free) {
		struct nvm_sgl *sgl = pool->free;

		pool->free = sgl->next;
		nvm_sgl_destroy(NULL, sgl);
	}
	free(pool);
}

struct nvm_sgl *nvm_sgl_create(struct nvm_dev *dev, int hint)
{
	struct nvm_sgl *sgl;

	(void)dev;
	if (hint < 0) {
		errno = EINVAL;
		return NULL;
	}
	sgl = calloc(1, sizeof(*sgl));
	if (!sgl)
		return NULL;
	if (hint) {
		sgl->segs = calloc((size_t)hint, sizeof(*sgl->segs));
		if (!sgl->segs) {
			free(sgl);
			return NULL;
		}
		sgl->capacity = (size_t)hint;
	}
	return sgl;
}

struct nvm_sgl *nvm_sgl_alloc(struct nvm_sgl_pool *pool)
{
	struct nvm_sgl *sgl;

	if (!pool) {
		errno = EINVAL;
		return NULL;
	}
	sgl = pool->free;
	if (!sgl)
		return nvm_sgl_create(NULL, 0);
	pool->free = sgl->next;
	sgl->next = NULL;
	return sgl;
}

void nvm_sgl_destroy(struct nvm_dev *dev, struct nvm_sgl *sgl)
{
	(void)dev;
	if (!sgl)
		return;
	free(sgl->segs);
	free(sgl);
}

void nvm_sgl_free(struct nvm_sgl_pool *pool, struct nvm_sgl *sgl)
{
	if (!sgl)
		return;
	if (!pool) {
		nvm_sgl_destroy(NULL, sgl);
		return;
	}
	nvm_sgl_reset(sgl);
	sgl->next = pool->free;
	pool->free = sgl;
}

void nvm_sgl_reset(struct nvm_sgl *sgl)
{
	if (!sgl)
		return;
	sgl->nsegs = 0;
	sgl->nbytes = 0;
}

int nvm_sgl_add(struct nvm_dev *dev, struct nvm_sgl *sgl, void *buf, size_t nbytes)
{
	(void)dev;
	if (!sgl || !buf || !nbytes) {
		errno = EINVAL;
		return -1;
	}
	if (sgl->nsegs == sgl->capacity) {
		size_t capacity = sgl->capacity ? sgl->capacity * 2 : 8;
		struct lnm_sgl_seg *segs = realloc(sgl->segs, capacity * sizeof(*segs));

		if (!segs)
			return -1;
		sgl->segs = segs;
		sgl->capacity = capacity;
	}
	sgl->segs[sgl->nsegs].buf = buf;
	sgl->segs[sgl->nsegs].nbytes = nbytes;
	++sgl->nsegs;
	sgl->nbytes += nbytes;
	return 0;
}

void lnm_sgl_gather(const struct nvm_sgl *sgl, void *dst, size_t nbytes)
{
	char *p = dst;

	for (size_t i = 0; i < sgl->nsegs && nbytes; ++i) {
		size_t n = sgl->segs[i].nbytes < nbytes ? sgl->segs[i].nbytes : nbytes;

		memcpy(p, sgl->segs[i].buf, n);
		p += n;
		nbytes -= n;
	}
}

void lnm_sgl_scatter(struct nvm_sgl *sgl, const void *src, size_t nbytes)
{
	const char *p = src;

	for (size_t i = 0; i < sgl->nsegs && nbytes; ++i) {
		size_t n = sgl->segs[i].nbytes < nbytes ? sgl->segs[i].nbytes : nbytes;

		memcpy(sgl->segs[i].buf, p, n);
		p += n;
		nbytes -= n;
	}
}
