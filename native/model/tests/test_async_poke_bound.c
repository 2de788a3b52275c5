/* poke(max) processes at most max completions and never blocks: with nothing completed it
 * returns 0 at once. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 0, 0);
	char *buf = nvm_buf_alloc(dev, 4096, NULL);
	struct nvm_ret rets[40];
	int total = 0;

	CHECK(ctx);
	CHECK_EQ(nvm_async_poke(dev, ctx, 0), 0);
	CHECK_EQ(nvm_async_poke(dev, ctx, 5), 0);
	for (int i = 0; i < 40; ++i) {
		struct nvm_addr a = h_addr(0, 0, 0, (unsigned)i);

		rets[i].async.ctx = ctx;
		rets[i].async.cb = h_count_cb;
		rets[i].async.cb_arg = NULL;
		CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &rets[i]), 0);
	}
	while (total < 40) {
		int before = h_ncalls;
		int n = nvm_async_poke(dev, ctx, 7);

		CHECK(n >= 0 && n <= 7);
		CHECK_EQ(h_ncalls - before, n);
		total += n;
	}
	CHECK_EQ(h_ncalls, 40);
	CHECK_EQ(nvm_async_get_outstanding(ctx), 0);
	CHECK_EQ(nvm_async_poke(dev, ctx, 1), 0);
	errno = 0;
	CHECK_EQ(nvm_async_poke(dev, NULL, 0), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
