/*
 * device.c: opening and closing a device image, device attributes, library version.
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

static void lnm_dev_free(struct nvm_dev *dev)
{
	if (dev->pus) {
		for (uint32_t i = 0; i < dev->npus; ++i)
			pthread_mutex_destroy(&dev->pus[i].lock);
	}
	pthread_mutex_destroy(&dev->ctx_lock);
	free(dev->pus);
	free(dev->chunks);
	free(dev->path);
	if (dev->fd >= 0)
		close(dev->fd);
	free(dev);
}

struct nvm_dev *nvm_dev_openf(const char *path, int flags)
{
	struct nvm_dev *dev;
	struct stat st;
	const char *slash;
	uint64_t nworkers;
	ssize_t n;
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
	dev->fd = open(path, O_RDWR | O_CLOEXEC);
	if (dev->fd < 0) {
		if (errno == EISDIR)
			errno = EINVAL; /* not an image */
		goto fail;
	}
	if (fstat(dev->fd, &st))
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if (flock(dev->fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			errno = EBUSY;
		goto fail;
	}
	n = pread(dev->fd, &dev->sb, sizeof(dev->sb), 0);
	if (n < 0)
		goto fail;
	if ((size_t)n < sizeof(dev->sb) || lnm_sb_validate(&dev->sb, (uint64_t)st.st_size)) {
		errno = EINVAL;
		goto fail;
	}

	dev->geo.l.npugrp = dev->sb.npugrp;
	dev->geo.l.npunit = dev->sb.npunit;
	dev->geo.l.nchunk = dev->sb.nchunk;
	dev->geo.l.nsectr = dev->sb.nsectr;
	dev->geo.l.nbytes = dev->sb.nbytes;
	dev->geo.l.nbytes_oob = dev->sb.nbytes_oob;
	dev->geo.tbytes = dev->sb.data_nbytes;
	dev->geo.verid = 2;
	dev->npus = (uint32_t)(dev->sb.npugrp * dev->sb.npunit);
	dev->nchunks = (uint32_t)(dev->npus * dev->sb.nchunk);
	lnm_addr_format_init(dev);
	if (lnm_chunk_table_load(dev))
		goto fail;
	dev->pus = calloc(dev->npus, sizeof(*dev->pus));
	if (!dev->pus)
		goto fail;
	for (uint32_t i = 0; i < dev->npus; ++i)
		pthread_mutex_init(&dev->pus[i].lock, NULL);

	dev->path = strdup(path);
	if (!dev->path)
		goto fail;
	slash = strrchr(dev->path, '/');
	dev->name = slash ? slash + 1 : dev->path;
	dev->sync_data = lnm_env_u64("LNVM_MODEL_SYNC", 0) == 1;
	dev->discard = lnm_env_u64("LNVM_MODEL_DISCARD", 1) != 0;
	dev->spin_ns = lnm_env_u64("LNVM_MODEL_SPIN_US", LNM_SPIN_NS_DEFAULT / 1000) * 1000;
	nworkers = lnm_env_u64("LNVM_MODEL_WORKERS", LNM_WORKERS_DEFAULT);
	if (nworkers < 1)
		nworkers = 1;
	if (nworkers > LNM_WORKERS_MAX)
		nworkers = LNM_WORKERS_MAX;
	if (nworkers > dev->npus)
		nworkers = dev->npus;
	dev->nworkers = (unsigned)nworkers;
	if (lnm_engine_start(dev))
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
	if (!dev)
		return;
	lnm_engine_stop(dev);
	lnm_async_ctx_free_all(dev);
	lnm_dev_free(dev);
}

const struct nvm_geo *nvm_dev_get_geo(const struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	return &dev->geo;
}

int nvm_dev_get_verid(const struct nvm_dev *dev)
{
	return dev ? dev->geo.verid : -1;
}

uint32_t nvm_dev_get_ws_min(const struct nvm_dev *dev)
{
	return dev ? dev->sb.ws_min : 0;
}

uint32_t nvm_dev_get_ws_opt(const struct nvm_dev *dev)
{
	return dev ? dev->sb.ws_opt : 0;
}

uint32_t nvm_dev_get_mw_cunits(const struct nvm_dev *dev)
{
	return dev ? dev->sb.mw_cunits : 0;
}

uint32_t nvm_dev_get_mccap(const struct nvm_dev *dev)
{
	return dev ? dev->sb.mccap : 0;
}

const char *nvm_dev_get_name(const struct nvm_dev *dev)
{
	return dev ? dev->name : NULL;
}

const char *nvm_dev_get_path(const struct nvm_dev *dev)
{
	return dev ? dev->path : NULL;
}

void nvm_ret_clear(struct nvm_ret *ret)
{
	if (ret)
		memset(ret, 0, sizeof(*ret));
}
