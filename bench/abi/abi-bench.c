/*
 * abi-bench: drive a device image through the liblightnvm C ABI (async contexts, callbacks that
 * resubmit, a poke loop, or with --wait a thread asleep in nvm_async_wait) and print one JSON
 * object per workload:
 *
 *   {"workload":"randread","qd":32,"bs":4096,"iops":...,"mbps":...,"p50_us":...,"p99_us":...}
 *
 * mbps is 10^6 bytes per second; latencies run from submission to callback.
 *
 * Workloads: randread (bs-sized reads at random sectors of a prefilled region), randwrite
 * (bs-sized writes, each at the write pointer of a randomly chosen chunk of its own region),
 * seqwrite (seq-bs writes filling chunks in order, striped over the PUs). The image must be fresh
 * (every chunk FREE) and large enough for the regions; bs below ws_min sectors needs an image
 * made with a smaller --ws-min (e.g. lnvm-mkimage IMG --ws-min 1 for 4 KiB random writes).
 */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "liblightnvm.h"

#define BENCH_MAX_QD 1024
#define BENCH_SECONDS_DEFAULT 3.0
#define BENCH_READ_NCHUNKS_DEFAULT 64
#define BENCH_WRITE_NCHUNKS_DEFAULT 128
#define BENCH_SEQ_NCHUNKS_DEFAULT 128

enum bench_kind {
	BENCH_RANDREAD,
	BENCH_RANDWRITE,
	BENCH_SEQWRITE
};

struct bench;

struct bench_io {
	struct nvm_ret ret;
	struct bench *b;
	uint64_t t0_ns;
	char *buf;
};

struct bench {
	struct nvm_dev *dev;
	const struct nvm_geo *geo;
	struct nvm_async_ctx *ctx;
	enum bench_kind kind;
	uint32_t nsectr_io; /* sectors per command */
	/* region: global chunk indices [chunk_first, chunk_first + nchunks) */
	uint32_t chunk_first;
	uint32_t nchunks;
	uint32_t *wp;	   /* per region chunk: next sector to submit */
	uint32_t seq_next; /* seqwrite: region chunk being filled, per stripe position */
	uint64_t rng;
	uint64_t deadline_ns;
	int stopping;
	int block; /* --wait: sleep in nvm_async_wait instead of polling */
	int errors;
	uint64_t ndone;
	uint64_t *lat_ns;
	uint64_t nlat;
	uint64_t lat_cap;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Global chunk index -> generic address of its first sector. Region chunks are numbered
 * PU-fastest so that consecutive region chunks land on different PUs (and workers). */
static struct nvm_addr bench_chunk_addr(const struct bench *b, uint32_t region_idx)
{
	const struct nvm_geo *g = b->geo;
	uint32_t npu = (uint32_t)(g->l.npugrp * g->l.npunit);
	uint32_t k = b->chunk_first + region_idx;
	uint32_t pu = k % npu, chunk = k / npu;
	struct nvm_addr a = { .val = 0 };

	a.l.pugrp = pu / g->l.npunit;
	a.l.punit = pu % g->l.npunit;
	a.l.chunk = chunk;
	return a;
}

static void bench_cb(struct nvm_ret *ret, void *cb_arg);

/* Submit io's next command; returns 0, or 1 when the workload has no more work. */
static int bench_submit(struct bench *b, struct bench_io *io)
{
	struct nvm_addr addr;
	uint16_t flags = NVM_CMD_ASYNC | NVM_CMD_SCALAR;
	int rc;

	switch (b->kind) {
	case BENCH_RANDREAD: {
		uint32_t c = (uint32_t)(rnd(&b->rng) % b->nchunks);
		uint32_t nslots = (uint32_t)b->geo->l.nsectr / b->nsectr_io;

		addr = bench_chunk_addr(b, c);
		addr.l.sectr = (uint32_t)(rnd(&b->rng) % nslots) * b->nsectr_io;
		break;
	}
	case BENCH_RANDWRITE: {
		uint32_t c = (uint32_t)(rnd(&b->rng) % b->nchunks);
		uint32_t tries = 0;

		while (b->wp[c] + b->nsectr_io > b->geo->l.nsectr) {
			if (++tries > b->nchunks)
				return 1; /* region full */
			c = (c + 1) % b->nchunks;
		}
		addr = bench_chunk_addr(b, c);
		addr.l.sectr = b->wp[c];
		b->wp[c] += b->nsectr_io;
		break;
	}
	case BENCH_SEQWRITE:
	default: {
		uint32_t c = b->seq_next;

		if (c >= b->nchunks)
			return 1;
		addr = bench_chunk_addr(b, c);
		addr.l.sectr = b->wp[c];
		b->wp[c] += b->nsectr_io;
		/* stripe: next command goes to the next PU's chunk of the same row */
		{
			uint32_t npu = (uint32_t)(b->geo->l.npugrp * b->geo->l.npunit);
			uint32_t row = c / npu, next = c + 1;

			if (next % npu == 0 || next >= b->nchunks)
				next = row * npu;
			if (b->wp[next] + b->nsectr_io > b->geo->l.nsectr)
				next = (row + 1) * npu;
			b->seq_next = next;
		}
		break;
	}
	}
	io->ret.async.ctx = b->ctx;
	io->ret.async.cb = bench_cb;
	io->ret.async.cb_arg = io;
	io->t0_ns = now_ns();
	if (b->kind == BENCH_RANDREAD)
		rc = nvm_cmd_read(b->dev, &addr, (int)b->nsectr_io, io->buf, NULL, flags, &io->ret);
	else
		rc = nvm_cmd_write(b->dev, &addr, (int)b->nsectr_io, io->buf, NULL, flags,
				   &io->ret);
	if (rc) {
		fprintf(stderr, "abi-bench: submit: %s\n", strerror(errno));
		exit(1);
	}
	return 0;
}

static void bench_cb(struct nvm_ret *ret, void *cb_arg)
{
	struct bench_io *io = cb_arg;
	struct bench *b = io->b;
	uint64_t t = now_ns();

	if (ret->status && !b->errors++)
		fprintf(stderr, "abi-bench: status 0x%x\n", ret->status);
	++b->ndone;
	if (b->nlat < b->lat_cap)
		b->lat_ns[b->nlat++] = t - io->t0_ns;
	if (b->stopping || (b->deadline_ns && t >= b->deadline_ns)) {
		b->stopping = 1;
		return;
	}
	if (bench_submit(b, io))
		b->stopping = 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Run one workload; print its JSON line unless quiet. */
static void bench_run(struct bench *b, const char *name, uint32_t qd, double seconds, int quiet)
{
	struct bench_io *ios = calloc(qd, sizeof(*ios));
	size_t io_nbytes = (size_t)b->nsectr_io * b->geo->l.nbytes;
	uint64_t t0, t1;

	b->ctx = nvm_async_init(b->dev, qd, 0);
	if (!ios || !b->ctx) {
		fprintf(stderr, "abi-bench: setup: %s\n", strerror(errno));
		exit(1);
	}
	b->lat_cap = 16u << 20;
	b->lat_ns = malloc(b->lat_cap * sizeof(*b->lat_ns));
	b->nlat = b->ndone = 0;
	b->stopping = 0;
	t0 = now_ns();
	b->deadline_ns = seconds > 0 ? t0 + (uint64_t)(seconds * 1e9) : 0;
	for (uint32_t i = 0; i < qd; ++i) {
		ios[i].b = b;
		ios[i].buf = nvm_buf_alloc(b->dev, io_nbytes, NULL);
		memset(ios[i].buf, (int)(i + 1), io_nbytes);
		if (bench_submit(b, &ios[i]))
			break;
	}
	if (b->block) {
		/* Sleep until completions arrive: nvm_async_wait returns once nothing is
		 * outstanding, which the callbacks allow only after the deadline. */
		if (nvm_async_wait(b->dev, b->ctx) < 0) {
			fprintf(stderr, "abi-bench: wait: %s\n", strerror(errno));
			exit(1);
		}
	}
	/* Poll like an event loop: poke; when nothing was ready, give the CPU away for a moment so
	 * a worker sharing this CPU can run. */
	while (nvm_async_get_outstanding(b->ctx)) {
		if (!nvm_async_poke(b->dev, b->ctx, 0))
			sched_yield();
	}
	t1 = now_ns();

	if (!quiet) {
		double secs = (double)(t1 - t0) / 1e9;
		double iops = (double)b->ndone / secs;
		uint64_t p50 = 0, p99 = 0;

		qsort(b->lat_ns, b->nlat, sizeof(*b->lat_ns), cmp_u64);
		if (b->nlat) {
			p50 = b->lat_ns[b->nlat / 2];
			p99 = b->lat_ns[(b->nlat * 99) / 100];
		}
		printf("{\"workload\":\"%s\",\"qd\":%u,\"bs\":%zu,\"iops\":%.0f,\"mbps\":%.1f,"
		       "\"p50_us\":%.2f,\"p99_us\":%.2f,\"seconds\":%.2f,\"errors\":%d}\n",
		       name, qd, io_nbytes, iops, iops * (double)io_nbytes / 1e6, (double)p50 / 1e3,
		       (double)p99 / 1e3, secs, b->errors);
		fflush(stdout);
	}
	for (uint32_t i = 0; i < qd; ++i)
		nvm_buf_free(b->dev, ios[i].buf);
	free(ios);
	free(b->lat_ns);
	nvm_async_term(b->dev, b->ctx);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: abi-bench IMAGE [--seconds S] [--workloads randread,randwrite,seqwrite]\n"
		"                 [--qds 1,32] [--seq-qd N] [--bs-sectors N] [--seq-bs-sectors N]\n"
		"                 [--read-nchunks N] [--write-nchunks N] [--seq-nchunks N] "
		"[--wait]\n"
		"--wait sleeps in nvm_async_wait for completions instead of polling with "
		"nvm_async_poke.\n"
		"IMAGE must be fresh (lnvm-mkimage IMAGE --ws-min 1 for 1-sector writes).\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *workloads = "randread,randwrite,seqwrite", *qds = "1,32";
	double seconds = BENCH_SECONDS_DEFAULT;
	uint32_t seq_qd = 32, bs_sectors = 1, seq_bs_sectors = 64;
	uint32_t read_nchunks = BENCH_READ_NCHUNKS_DEFAULT;
	uint32_t write_nchunks = BENCH_WRITE_NCHUNKS_DEFAULT;
	uint32_t seq_nchunks = BENCH_SEQ_NCHUNKS_DEFAULT;
	struct bench b = { .rng = 0x2545F4914F6CDD1DULL };
	uint32_t nchunks_dev, next_chunk = 0;

	for (int i = 1; i < argc; ++i) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--seconds") && v)
			seconds = atof(argv[++i]);
		else if (!strcmp(a, "--workloads") && v)
			workloads = argv[++i];
		else if (!strcmp(a, "--qds") && v)
			qds = argv[++i];
		else if (!strcmp(a, "--seq-qd") && v)
			seq_qd = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--bs-sectors") && v)
			bs_sectors = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--seq-bs-sectors") && v)
			seq_bs_sectors = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--read-nchunks") && v)
			read_nchunks = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--write-nchunks") && v)
			write_nchunks = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--seq-nchunks") && v)
			seq_nchunks = (uint32_t)atoi(argv[++i]);
		else if (!strcmp(a, "--wait"))
			b.block = 1;
		else if (a[0] == '-' || path)
			usage();
		else
			path = a;
	}
	if (!path)
		usage();
	b.dev = nvm_dev_open(path);
	if (!b.dev) {
		fprintf(stderr, "abi-bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	b.geo = nvm_dev_get_geo(b.dev);
	nchunks_dev = (uint32_t)(b.geo->l.npugrp * b.geo->l.npunit * b.geo->l.nchunk);
	b.wp = calloc(nchunks_dev, sizeof(*b.wp));

	if (strstr(workloads, "randread")) {
		/* prefill the read region with sequential writes (not measured) */
		b.kind = BENCH_SEQWRITE;
		b.nsectr_io = seq_bs_sectors;
		b.chunk_first = next_chunk;
		b.nchunks = read_nchunks;
		b.seq_next = 0;
		memset(b.wp, 0, nchunks_dev * sizeof(*b.wp));
		bench_run(&b, "prefill", 32, 0, 1);
		b.kind = BENCH_RANDREAD;
		b.nsectr_io = bs_sectors;
		for (const char *q = qds; q && *q; q = strchr(q, ',') ? strchr(q, ',') + 1 : NULL)
			bench_run(&b, "randread", (uint32_t)atoi(q), seconds, 0);
		next_chunk += read_nchunks;
	}
	if (strstr(workloads, "randwrite")) {
		for (const char *q = qds; q && *q; q = strchr(q, ',') ? strchr(q, ',') + 1 : NULL) {
			b.kind = BENCH_RANDWRITE;
			b.nsectr_io = bs_sectors;
			b.chunk_first = next_chunk;
			b.nchunks = write_nchunks;
			memset(b.wp, 0, nchunks_dev * sizeof(*b.wp));
			bench_run(&b, "randwrite", (uint32_t)atoi(q), seconds, 0);
			next_chunk += write_nchunks;
		}
	}
	if (strstr(workloads, "seqwrite")) {
		b.kind = BENCH_SEQWRITE;
		b.nsectr_io = seq_bs_sectors;
		b.chunk_first = next_chunk;
		b.nchunks = seq_nchunks;
		b.seq_next = 0;
		memset(b.wp, 0, nchunks_dev * sizeof(*b.wp));
		bench_run(&b, "seqwrite", seq_qd, seconds, 0);
		next_chunk += seq_nchunks;
	}
	if (next_chunk > nchunks_dev)
		fprintf(stderr, "abi-bench: warning: regions exceed the device\n");
	free(b.wp);
	nvm_dev_close(b.dev);
	return 0;
}
