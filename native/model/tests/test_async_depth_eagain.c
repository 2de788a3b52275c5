/* A submission with depth commands outstanding fails with -1/EAGAIN and queues nothing;
 * outstanding never exceeds depth; after completions are processed submission works again. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 4, 0);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_ret rets[6];
	struct nvm_addr a = h_addr(0, 1, 1, 0);

	CHECK(ctx);
	for (int i = 0; i < 6; ++i) {
		memset(&rets[i], 0, sizeof(rets[i]));
		rets[i].async.ctx = ctx;
	}
	for (int i = 0; i < 4; ++i) {
		a.l.sectr = (unsigned)i * 4;
		CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR,
				       &rets[i]),
			 0);
	}
	CHECK_EQ(nvm_async_get_outstanding(ctx), 4);
	a.l.sectr = 16;
	errno = 0;
	CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[4]),
		 -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(nvm_async_get_outstanding(ctx), 4);
	CHECK_EQ(nvm_async_wait(dev, ctx), 4);
	CHECK_EQ(h_descr(dev, a).wp, 16); /* the refused write was not queued */
	CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[5]), 0);
	CHECK_EQ(nvm_async_wait(dev, ctx), 1);
	CHECK_EQ(rets[5].status, 0);
	CHECK_EQ(h_descr(dev, a).wp, 20);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
