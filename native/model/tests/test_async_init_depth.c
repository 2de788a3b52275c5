/* async_init: depth 0 selects 64, depth up to 65536 is accepted, larger fails with EINVAL. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx;

	ctx = nvm_async_init(dev, 0, 0);
	CHECK(ctx);
	CHECK_EQ(nvm_async_get_depth(ctx), 64);
	CHECK_EQ(nvm_async_get_outstanding(ctx), 0);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	ctx = nvm_async_init(dev, 65536, 0);
	CHECK(ctx);
	CHECK_EQ(nvm_async_get_depth(ctx), 65536);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	errno = 0;
	CHECK(nvm_async_init(dev, 65537, 0) == NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(nvm_async_init(NULL, 8, 0) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_async_get_depth(NULL), 0);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
