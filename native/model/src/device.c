/*
 * device.c: opening and closing devices (handles over one shared state per image), library
 * version.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"

#define LNM_VER_MAJOR 0
#define LNM_VER_MINOR 1
#define LNM_VER_PATCH 0

int nvm_ver_major(void)
{
	return LNM_VER_MAJOR;
}

int nvm_ver_minor(void)
{
	return LNM_VER_MINOR;
}

int nvm_ver_patch(void)
{
	return LNM_VER_PATCH;
}

static uint64_t lnm_env_u64(const char *name, uint64_t dflt)
{
	const char *s = getenv(name);
	char *end;
	unsigned long long v;

	if (!s || !*s)
		return dflt;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return dflt;
	return v;
}

/* Every image open in this process, each once; the lock guards lnm_media.nopens and .next. */
static pthread_mutex_t lnm_registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lnm_media *lnm_registry;
static pthread_once_t lnm_registry_once = PTHREAD_ONCE_INIT;

static void lnm_registry_fork_prepare(void)
{
	pthread_mutex_lock(&lnm_registry_lock);
}

static void lnm_registry_fork_parent(void)
{
	pthread_mutex_unlock(&lnm_registry_lock);
}

/* A forked child has none of the parent's workers: it starts with an empty registry, so its
 * opens take the image's flock anew (and get EBUSY while the parent holds the image). */
static void lnm_registry_fork_child(void)
{
	lnm_registry = NULL;
	pthread_mutex_unlock(&lnm_registry_lock);
}

static void lnm_registry_init(void)
{
	pthread_atfork(lnm_registry_fork_prepare, lnm_registry_fork_parent,
		       lnm_registry_fork_child);
}

static void lnm_media_free(struct lnm_media *md)
{
	lnm_group_commit_stop(md);
	if (md->pus) {
		for (uint32_t i = 0; i < md->npus; ++i)
			pthread_mutex_destroy(&md->pus[i].lock);
	}
	free(md->pus);
	free(md->chunks);
	if (md->fd >= 0)
		close(md->fd);
	free(md);
}

static uint8_t lnm_log2(uint64_t v)
{
	uint8_t n = 0;

	while ((1ULL << n) < v)
		++n;
	return n;
}

/* Fill the identify-namespace data, the address-format lengths and the offset shift. */
static void lnm_media_describe(struct lnm_media *md)
{
	const uint64_t nsectrs = (uint64_t)md->nchunks * md->sb.nsectr;

	md->ssw = lnm_log2(md->sb.nbytes);
	md->ns.nsze = nsectrs;
	md->ns.ncap = nsectrs;
	md->ns.nuse = nsectrs;
	md->ns.dlfeat = 0x1; /* deallocated sectors read as zero bytes */
	md->ns.lbaf[0].ms = (uint16_t)md->sb.nbytes_oob;
	md->ns.lbaf[0].ds = md->ssw;
	md->lbaf.sectr = md->lbaf_len[0];
	md->lbaf.chunk = md->lbaf_len[1];
	md->lbaf.punit = md->lbaf_len[2];
	md->lbaf.pugrp = md->lbaf_len[3];
}

/* Take fd's exclusive flock (fd is the image, owned by the media from here on), load its chunk
 * table and start its workers. NULL with errno on failure. */
static struct lnm_media *lnm_media_open(int fd, const struct stat *st)
{
	struct lnm_media *md = calloc(1, sizeof(*md));
	uint64_t nworkers;
	ssize_t n;
	int err;

	if (!md) {
		close(fd);
		return NULL;
	}
	md->fd = fd;
	md->st_dev = st->st_dev;
	md->st_ino = st->st_ino;
	if (flock(md->fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			errno = EBUSY;
		goto fail;
	}
	n = pread(md->fd, &md->sb, sizeof(md->sb), 0);
	if (n < 0)
		goto fail;
	if ((size_t)n < sizeof(md->sb) || lnm_sb_validate(&md->sb, (uint64_t)st->st_size)) {
		errno = EINVAL;
		goto fail;
	}

	md->geo.l.npugrp = md->sb.npugrp;
	md->geo.l.npunit = md->sb.npunit;
	md->geo.l.nchunk = md->sb.nchunk;
	md->geo.l.nsectr = md->sb.nsectr;
	md->geo.l.nbytes = md->sb.nbytes;
	md->geo.l.nbytes_oob = md->sb.nbytes_oob;
	md->geo.tbytes = md->sb.data_nbytes;
	md->geo.verid = 2;
	md->npus = (uint32_t)(md->sb.npugrp * md->sb.npunit);
	md->nchunks = (uint32_t)(md->npus * md->sb.nchunk);
	lnm_addr_format_init(md);
	lnm_media_describe(md);
	if (lnm_chunk_table_load(md))
		goto fail;
	md->pus = calloc(md->npus, sizeof(*md->pus));
	if (!md->pus)
		goto fail;
	for (uint32_t i = 0; i < md->npus; ++i)
		pthread_mutex_init(&md->pus[i].lock, NULL);

	md->durable = (md->sb.flags & LNM_SB_FLAG_DURABLE) ||
		      lnm_env_u64("LNVM_MODEL_SYNC", 0) == 1;
	/* a preallocated image keeps its blocks: a punched hole would be allocated again */
	md->discard = lnm_env_u64("LNVM_MODEL_DISCARD",
				  !(md->sb.flags & LNM_SB_FLAG_PREALLOCATED)) != 0;
	md->spin_ns = lnm_env_u64("LNVM_MODEL_SPIN_US", LNM_SPIN_NS_DEFAULT / 1000) * 1000;
	nworkers = lnm_env_u64("LNVM_MODEL_WORKERS", LNM_WORKERS_DEFAULT);
	if (nworkers < 1)
		nworkers = 1;
	if (nworkers > LNM_WORKERS_MAX)
		nworkers = LNM_WORKERS_MAX;
	if (nworkers > md->npus)
		nworkers = md->npus;
	md->nworkers = (unsigned)nworkers;
	if (md->durable && lnm_group_commit_start(md))
		goto fail;
	if (lnm_engine_start(md))
		goto fail;
	return md;

fail:
	err = errno;
	lnm_media_free(md);
	errno = err;
	return NULL;
}

/* The media of the image at path: the registered one when this process has it open (fd is then
 * closed), else a newly opened one. Called under lnm_registry_lock. */
static struct lnm_media *lnm_media_get(const char *path)
{
	struct lnm_media *md;
	struct stat st;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		if (errno == EISDIR)
			errno = EINVAL; /* not an image */
		return NULL;
	}
	if (fstat(fd, &st)) {
		int err = errno;

		close(fd);
		errno = err;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	for (md = lnm_registry; md; md = md->next) {
		if (md->st_dev == st.st_dev && md->st_ino == st.st_ino) {
			close(fd);
			++md->nopens;
			return md;
		}
	}
	md = lnm_media_open(fd, &st);
	if (!md)
		return NULL;
	md->nopens = 1;
	md->next = lnm_registry;
	lnm_registry = md;
	return md;
}

/* Drop one open of md; the last stops its workers and frees it. Called under lnm_registry_lock. */
static void lnm_media_put(struct lnm_media *md)
{
	struct lnm_media **link = &lnm_registry;

	if (--md->nopens)
		return;
	while (*link != md)
		link = &(*link)->next;
	*link = md->next;
	lnm_engine_stop(md); /* then lnm_media_free syncs what the workers handed over */
	lnm_media_free(md);
}

static void lnm_dev_free(struct nvm_dev *dev)
{
	if (dev->bbts) {
		for (uint32_t i = 0; i < dev->md->npus; ++i)
			free(dev->bbts[i]);
		free(dev->bbts);
	}
	pthread_mutex_destroy(&dev->ctx_lock);
	free(dev->path);
	free(dev);
}

struct nvm_dev *nvm_dev_openf(const char *path, int flags)
{
	struct nvm_dev *dev;
	const char *slash;
	int err;

	(void)flags;
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	pthread_mutex_init(&dev->ctx_lock, NULL);
	dev->pmode = NVM_FLAG_PMODE_SNGL;
	dev->meta_mode = NVM_META_MODE_NONE;
	dev->erase_naddrs_max = NVM_NADDR_MAX;
	dev->read_naddrs_max = NVM_NADDR_MAX;
	dev->write_naddrs_max = NVM_NADDR_MAX;
	dev->path = strdup(path);
	if (!dev->path)
		goto fail;
	slash = strrchr(dev->path, '/');
	dev->name = slash ? slash + 1 : dev->path;
	pthread_once(&lnm_registry_once, lnm_registry_init);
	pthread_mutex_lock(&lnm_registry_lock);
	dev->md = lnm_media_get(path);
	err = errno;
	pthread_mutex_unlock(&lnm_registry_lock);
	errno = err;
	if (!dev->md)
		goto fail;
	return dev;

fail:
	err = errno;
	lnm_dev_free(dev);
	errno = err;
	return NULL;
}

struct nvm_dev *nvm_dev_open(const char *path)
{
	return nvm_dev_openf(path, 0);
}

void nvm_dev_close(struct nvm_dev *dev)
{
	struct lnm_media *md;

	if (!dev)
		return;
	lnm_async_ctx_free_all(dev);
	md = dev->md;
	lnm_dev_free(dev);
	pthread_mutex_lock(&lnm_registry_lock);
	lnm_media_put(md);
	pthread_mutex_unlock(&lnm_registry_lock);
}
