/* wait blocks until nothing is outstanding and returns the number of completions it processed
 * (those already processed by poke are not counted again). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 32, 0);
	char *buf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_ret rets[20];
	int poked = 0, waited;

	CHECK(ctx);
	CHECK_EQ(nvm_async_wait(dev, ctx), 0);
	for (int i = 0; i < 20; ++i) {
		struct nvm_addr a = h_addr((unsigned)i % 2, 0, 0, 0);

		a.l.sectr = (unsigned)(i / 2) * 4;
		rets[i].async.ctx = ctx;
		rets[i].async.cb = h_count_cb;
		CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR,
				       &rets[i]),
			 0);
	}
	poked = nvm_async_poke(dev, ctx, 3);
	CHECK(poked >= 0 && poked <= 3);
	waited = nvm_async_wait(dev, ctx);
	CHECK_EQ(poked + waited, 20);
	CHECK_EQ(h_ncalls, 20);
	CHECK_EQ(nvm_async_get_outstanding(ctx), 0);
	for (int i = 0; i < 20; ++i)
		CHECK_EQ(rets[i].status, 0);
	CHECK_EQ(nvm_async_wait(dev, ctx), 0);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
