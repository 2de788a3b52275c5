/* term refuses a context with outstanding commands (-1/EBUSY) and frees an idle one (0). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 8, 0);
	char *buf = nvm_buf_alloc(dev, 4096, NULL);
	struct nvm_ret ret = { .async = { .ctx = ctx } };
	struct nvm_addr a = h_addr(1, 1, 1, 1);

	CHECK(ctx);
	CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &ret), 0);
	errno = 0;
	CHECK_EQ(nvm_async_term(dev, ctx), -1);
	CHECK_EQ(errno, EBUSY);
	CHECK_EQ(nvm_async_wait(dev, ctx), 1);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	errno = 0;
	CHECK_EQ(nvm_async_term(dev, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
