/* Async submission returns 0 without running callbacks; each callback runs exactly once, inside
 * poke, on the calling thread, with the command's own ret and cb_arg and the status filled. */
#include <pthread.h>

#include "harness.h"

#define NCMDS 48

static int ncalls[NCMDS];
static struct nvm_ret rets[NCMDS];
static pthread_t caller;

static void cb(struct nvm_ret *ret, void *cb_arg)
{
	int tag = (int)(intptr_t)cb_arg;

	CHECK(pthread_equal(pthread_self(), caller));
	CHECK(tag >= 0 && tag < NCMDS);
	CHECK(ret == &rets[tag]);
	CHECK_EQ(ret->status, 0);
	CHECK_EQ(ret->result.vio.cs, 0);
	++ncalls[tag];
}

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 64, 0);
	char *buf = nvm_buf_alloc(dev, NCMDS * 4 * 4096, NULL);
	int total = 0;

	caller = pthread_self();
	CHECK(ctx);
	CHECK_EQ(nvm_async_get_depth(ctx), 64);
	for (int i = 0; i < NCMDS; ++i) {
		struct nvm_addr addrs[4];

		/* 4 sectors to each of 12 chunks spread over every PU, 4 writes per chunk */
		h_addrs(addrs,
			h_addr((unsigned)(i % 4) / 2, (unsigned)i % 2, (unsigned)(i / 4) % 3,
			       (unsigned)(i / 12) * 4),
			4);
		memset(&rets[i], 0xEE, sizeof(rets[i]));
		rets[i].async.ctx = ctx;
		rets[i].async.cb = cb;
		rets[i].async.cb_arg = (void *)(intptr_t)i;
		CHECK_EQ(nvm_cmd_write(dev, addrs, 4, buf + i * 4 * 4096, NULL,
				       NVM_CMD_ASYNC | NVM_CMD_VECTOR, &rets[i]),
			 0);
		CHECK_EQ(nvm_async_get_outstanding(ctx), (uint32_t)i + 1);
	}
	for (int i = 0; i < NCMDS; ++i)
		CHECK_EQ(ncalls[i], 0);
	while (total < NCMDS) {
		int n = nvm_async_poke(dev, ctx, 0);

		CHECK(n >= 0);
		total += n;
		CHECK_EQ(nvm_async_get_outstanding(ctx), (uint32_t)(NCMDS - total));
	}
	for (int i = 0; i < NCMDS; ++i)
		CHECK_EQ(ncalls[i], 1);
	CHECK_EQ(nvm_async_poke(dev, ctx, 0), 0);
	CHECK_EQ(nvm_async_wait(dev, ctx), 0);
	for (int i = 0; i < NCMDS; ++i)
		CHECK_EQ(ncalls[i], 1);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
