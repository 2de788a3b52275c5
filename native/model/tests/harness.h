/*
 * harness.h: helpers shared by the C tests. Each test is one behaviour in one file; it exits 0
 * (pass), 1 (fail) or 77 (skip). Images live in a fresh mkdtemp directory, removed at exit.
 */
#ifndef LNM_TEST_HARNESS_H
#define LNM_TEST_HARNESS_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "liblightnvm.h"

#define H_EXIT_PASS 0
#define H_EXIT_FAIL 1
#define H_EXIT_SKIP 77

/* A small geometry: 2 groups x 2 units x 8 chunks x 64 sectors of 4 KiB. */
#define H_SMALL                                                                                    \
	"--npugrp 2 --npunit 2 --nchunk 8 --nsectr 64 --nbytes 4096 --nbytes-oob 16 --ws-min 4 "   \
	"--ws-opt 8 --mw-cunits 8"

#define H_MAX_PATHS 64
#define H_PATH_NBYTES 256

static char h_dir[64];
static char h_paths[H_MAX_PATHS][H_PATH_NBYTES];
static int h_nimages;

static int h_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void h_cleanup(void)
{
	if (h_dir[0])
		nftw(h_dir, h_rm, 8, FTW_DEPTH | FTW_PHYS);
	h_dir[0] = 0;
}

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s (errno %d)\n", __FILE__,          \
				__LINE__, #cond, errno);                                           \
			exit(H_EXIT_FAIL);                                                         \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long h_a = (long long)(a), h_b = (long long)(b);                              \
		if (h_a != h_b) {                                                                  \
			fprintf(stderr, "%s:%d: check failed: %s == %s (0x%llx != 0x%llx)\n",      \
				__FILE__, __LINE__, #a, #b, h_a, h_b);                             \
			exit(H_EXIT_FAIL);                                                         \
		}                                                                                  \
	} while (0)

/* The temp directory of this test (created on first use, removed at exit). */
static inline const char *h_tmpdir(void)
{
	if (!h_dir[0]) {
		strcpy(h_dir, "/tmp/lnvm-test-XXXXXX");
		CHECK(mkdtemp(h_dir));
		atexit(h_cleanup);
	}
	return h_dir;
}

/* A fresh path in the temp directory (the file does not exist); valid until exit. */
static inline char *h_path(const char *stem)
{
	char *path;

	CHECK(h_nimages < H_MAX_PATHS);
	path = h_paths[h_nimages];
	snprintf(path, H_PATH_NBYTES, "%s/%s%d", h_tmpdir(), stem, h_nimages);
	++h_nimages;
	return path;
}

/* Run lnvm-mkimage PATH ARGS; returns its exit status (-1 if it did not exit). */
static inline int h_mkimage_rc(const char *path, const char *args)
{
	char cmd[1024];
	int rc;

	snprintf(cmd, sizeof(cmd), "%s '%s' %s >/dev/null 2>&1", LNM_TEST_MKIMAGE, path,
		 args ? args : "");
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Run lnvm-fault PATH ARGS; returns its exit status (-1 if it did not exit). */
static inline int h_fault_rc(const char *path, const char *args)
{
	char cmd[1024];
	int rc;

	snprintf(cmd, sizeof(cmd), "%s '%s' %s >/dev/null 2>&1", LNM_TEST_FAULT, path, args);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Inject faults with lnvm-fault PATH ARGS (the image must be closed). */
static inline void h_fault(const char *path, const char *args)
{
	CHECK_EQ(h_fault_rc(path, args), 0);
}

/* Create a fresh image with mkimage ARGS; returns its path. */
static inline char *h_image(const char *args)
{
	char *path = h_path("dev");

	CHECK_EQ(h_mkimage_rc(path, args), 0);
	return path;
}

/* Create and open a fresh image. */
static inline struct nvm_dev *h_open(const char *args)
{
	struct nvm_dev *dev = nvm_dev_open(h_image(args));

	CHECK(dev);
	return dev;
}

static inline struct nvm_addr h_addr(unsigned pugrp, unsigned punit, unsigned chunk, unsigned sectr)
{
	struct nvm_addr a = { .val = 0 };

	a.l.pugrp = pugrp;
	a.l.punit = punit;
	a.l.chunk = chunk;
	a.l.sectr = sectr;
	return a;
}

/* Deterministic pseudo-random bytes. */
/* Completions counted by h_count_cb, a callback for tests that only count. */
static int h_ncalls;

static inline void h_count_cb(struct nvm_ret *ret, void *cb_arg)
{
	(void)ret;
	(void)cb_arg;
	++h_ncalls;
}

static inline void h_fill(void *buf, size_t nbytes, uint64_t seed)
{
	uint8_t *p = buf;
	uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;

	for (size_t i = 0; i < nbytes; ++i) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (uint8_t)x;
	}
}

/* CRC32 (zlib polynomial), bit by bit: for tests that forge superblocks or table slots. */
static inline uint32_t h_crc32(const void *buf, size_t nbytes)
{
	const uint8_t *p = buf;
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < nbytes; ++i) {
		c ^= p[i];
		for (int k = 0; k < 8; ++k)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

static inline int h_is_zero(const void *buf, size_t nbytes)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < nbytes; ++i) {
		if (p[i])
			return 0;
	}
	return 1;
}

/* The two addressing modes every rule is checked in. */
static const uint16_t h_modes[] = { NVM_CMD_VECTOR, NVM_CMD_SCALAR };
#define H_NMODES 2

/* Address list for n consecutive sectors from start: vector mode lists them, scalar mode needs
 * only the start. */
static inline struct nvm_addr *h_addrs(struct nvm_addr *addrs, struct nvm_addr start, int n)
{
	for (int i = 0; i < n; ++i) {
		addrs[i] = start;
		addrs[i].l.sectr = start.l.sectr + (unsigned)i;
	}
	return addrs;
}

/* Synchronous write of n sectors from start; returns the call's result, status in *status. */
static inline int h_write(struct nvm_dev *dev, struct nvm_addr start, int n, const void *buf,
			  const void *meta, uint16_t mode, uint16_t *status)
{
	struct nvm_addr addrs[NVM_NADDR_MAX];
	struct nvm_ret ret;
	int rc;

	memset(&ret, 0xAB, sizeof(ret));
	rc = nvm_cmd_write(dev, h_addrs(addrs, start, n), n, buf, meta, mode, &ret);
	if (status)
		*status = ret.status;
	return rc;
}

static inline int h_read(struct nvm_dev *dev, struct nvm_addr start, int n, void *buf, void *meta,
			 uint16_t mode, uint16_t *status)
{
	struct nvm_addr addrs[NVM_NADDR_MAX];
	struct nvm_ret ret;
	int rc;

	memset(&ret, 0xAB, sizeof(ret));
	rc = nvm_cmd_read(dev, h_addrs(addrs, start, n), n, buf, meta, mode, &ret);
	if (status)
		*status = ret.status;
	return rc;
}

static inline int h_erase(struct nvm_dev *dev, struct nvm_addr chunk, uint16_t mode,
			  uint16_t *status)
{
	struct nvm_ret ret;
	int rc;

	memset(&ret, 0xAB, sizeof(ret));
	rc = nvm_cmd_erase(dev, &chunk, 1, NULL, mode, &ret);
	if (status)
		*status = ret.status;
	return rc;
}

/* Write a whole chunk (sync, vector mode, ws_opt at a time) with data seeded by seed. */
static inline void h_fill_chunk(struct nvm_dev *dev, struct nvm_addr chunk, uint64_t seed)
{
	const struct nvm_geo *geo = nvm_dev_get_geo(dev);
	const int step = (int)nvm_dev_get_ws_opt(dev);
	char *buf = nvm_buf_alloc(dev, step * geo->l.nbytes, NULL);

	CHECK(buf);
	for (size_t s = 0; s < geo->l.nsectr; s += (size_t)step) {
		h_fill(buf, step * geo->l.nbytes, seed + s);
		CHECK_EQ(h_write(dev,
				 h_addr(chunk.l.pugrp, chunk.l.punit, chunk.l.chunk, (unsigned)s),
				 step, buf, NULL, NVM_CMD_VECTOR, NULL),
			 0);
	}
	nvm_buf_free(dev, buf);
}

/* The report descriptor of addr's chunk (from the report of its parallel unit). */
static inline struct nvm_spec_rprt_descr h_descr(struct nvm_dev *dev, struct nvm_addr addr)
{
	struct nvm_addr pu = h_addr(addr.l.pugrp, addr.l.punit, 0, 0);
	struct nvm_spec_rprt *rprt = nvm_cmd_rprt(dev, &pu, 0, NULL);
	struct nvm_spec_rprt_descr d;

	CHECK(rprt);
	CHECK(rprt->ndescr > addr.l.chunk);
	d = rprt->descr[addr.l.chunk];
	nvm_buf_free(dev, rprt);
	return d;
}

static inline void h_set_dulbe(struct nvm_dev *dev, int on)
{
	union nvm_nvme_feat feat = { .a = 0 };

	feat.error_recovery.dulbe = on ? 1 : 0;
	CHECK_EQ(nvm_cmd_sfeat(dev, NVM_FEAT_ERROR_RECOVERY, &feat, NULL), 0);
}

/* Capture what the code between h_capture_begin and h_capture_end prints on stdout. */
static int h_saved_stdout = -1;
static char h_capture_path[H_PATH_NBYTES];

static inline void h_capture_begin(void)
{
	int fd;

	snprintf(h_capture_path, sizeof(h_capture_path), "%s", h_path("stdout"));
	fflush(stdout);
	h_saved_stdout = dup(STDOUT_FILENO);
	fd = open(h_capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(h_saved_stdout >= 0 && fd >= 0);
	CHECK(dup2(fd, STDOUT_FILENO) >= 0);
	close(fd);
}

/* Stop capturing; returns the captured text (NUL-terminated, static, up to 64 KiB). */
static inline const char *h_capture_end(void)
{
	static char text[1 << 16];
	FILE *f;
	size_t n;

	fflush(stdout);
	CHECK(dup2(h_saved_stdout, STDOUT_FILENO) >= 0);
	close(h_saved_stdout);
	f = fopen(h_capture_path, "r");
	CHECK(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = 0;
	fclose(f);
	return text;
}

#endif /* LNM_TEST_HARNESS_H */
