/* Random data and metadata written through async vector commands scattered over every PU read
 * back byte for byte, through vector reads in a shuffled address order and scalar reads. */
#include "harness.h"

#define NSECTR 64
#define NCHUNKS 32 /* the whole small device */

static uint32_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint32_t)*x;
}

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 64, 0);
	size_t nsect = (size_t)NCHUNKS * NSECTR;
	char *data = malloc(nsect * 4096), *meta = malloc(nsect * 16);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL),
	     *rmeta = nvm_buf_alloc(dev, 64 * 16, NULL);
	unsigned wp[NCHUNKS] = { 0 };
	char *wstage = nvm_buf_alloc(dev, 64 * 64 * 4096, NULL);
	char *mstage = nvm_buf_alloc(dev, 64 * 64 * 16, NULL);
	struct nvm_ret rets[64];
	uint64_t x = 88172645463325252ULL;
	unsigned nwritten = 0;
	int slot = 0;

	CHECK(ctx && data && meta);
	h_fill(data, nsect * 4096, 61);
	h_fill(meta, nsect * 16, 62);
	/* each command: 1..4 runs of 4 sectors to random chunks with room left */
	while (nwritten < nsect) {
		struct nvm_addr addrs[16];
		int n = 0, nruns = 1 + (int)(rnd(&x) % 4);

		for (int r = 0; r < nruns && nwritten < nsect; ++r) {
			unsigned c = rnd(&x) % NCHUNKS;

			while (wp[c] == NSECTR)
				c = (c + 1) % NCHUNKS;
			for (int k = 0; k < n; k += 4) /* one run per chunk per command */
				if ((unsigned)((addrs[k].l.pugrp * 2 + addrs[k].l.punit) * 8 +
					       addrs[k].l.chunk) == c)
					goto next_run;
			for (unsigned s = 0; s < 4; ++s) {
				size_t idx = (size_t)c * NSECTR + wp[c] + s;

				addrs[n] = h_addr(c / 16, (c / 8) % 2, c % 8, wp[c] + s);
				memcpy(wstage + ((size_t)slot * 64 + (size_t)n) * 4096,
				       data + idx * 4096, 4096);
				memcpy(mstage + ((size_t)slot * 64 + (size_t)n) * 16,
				       meta + idx * 16, 16);
				++n;
			}
			wp[c] += 4;
			nwritten += 4;
		next_run:;
		}
		memset(&rets[slot], 0, sizeof(rets[slot]));
		rets[slot].async.ctx = ctx;
		CHECK_EQ(nvm_cmd_write(dev, addrs, n, wstage + (size_t)slot * 64 * 4096,
				       mstage + (size_t)slot * 64 * 16, NVM_CMD_ASYNC, &rets[slot]),
			 0);
		if (++slot == 64) {
			CHECK_EQ(nvm_async_wait(dev, ctx), 64);
			for (int i = 0; i < 64; ++i)
				CHECK_EQ(rets[i].status, 0);
			slot = 0;
		}
	}
	nvm_async_wait(dev, ctx);
	for (int i = 0; i < slot; ++i)
		CHECK_EQ(rets[i].status, 0);

	/* vector reads of 64 random sectors */
	for (int round = 0; round < 64; ++round) {
		struct nvm_addr addrs[64];
		size_t idx[64];

		for (int i = 0; i < 64; ++i) {
			idx[i] = rnd(&x) % nsect;
			addrs[i] = h_addr((unsigned)(idx[i] / NSECTR) / 16,
					  (unsigned)(idx[i] / NSECTR / 8) % 2,
					  (unsigned)(idx[i] / NSECTR) % 8,
					  (unsigned)(idx[i] % NSECTR));
		}
		CHECK_EQ(nvm_cmd_read(dev, addrs, 64, rbuf, rmeta, NVM_CMD_VECTOR, NULL), 0);
		for (int i = 0; i < 64; ++i) {
			CHECK(memcmp(rbuf + (size_t)i * 4096, data + idx[i] * 4096, 4096) == 0);
			CHECK(memcmp(rmeta + (size_t)i * 16, meta + idx[i] * 16, 16) == 0);
		}
	}
	/* scalar reads of every chunk */
	for (unsigned c = 0; c < NCHUNKS; ++c) {
		struct nvm_addr a = h_addr(c / 16, (c / 8) % 2, c % 8, 0);

		CHECK_EQ(nvm_cmd_read(dev, &a, 64, rbuf, rmeta, NVM_CMD_SCALAR, NULL), 0);
		CHECK(memcmp(rbuf, data + (size_t)c * NSECTR * 4096, 64 * 4096) == 0);
		CHECK(memcmp(rmeta, meta + (size_t)c * NSECTR * 16, 64 * 16) == 0);
	}
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, mstage);
	nvm_buf_free(dev, wstage);
	nvm_buf_free(dev, rmeta);
	nvm_buf_free(dev, rbuf);
	free(meta);
	free(data);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
