/* Async media errors arrive in the completion's ret->status (submission returns 0); a
 * malformed async call (no ret, no context, another device's context) fails with EINVAL. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_dev *other = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 8, 0);
	struct nvm_async_ctx *other_ctx = nvm_async_init(other, 8, 0);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_ret rets[4];
	struct nvm_addr a = h_addr(0, 0, 0, 8);

	CHECK(ctx && other_ctx);
	memset(rets, 0, sizeof(rets));
	for (int i = 0; i < 4; ++i)
		rets[i].async.ctx = ctx;
	/* out of order (wp 0), out of range, invalid reset, DULB read */
	CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[0]), 0);
	a = h_addr(0, 0, 8, 0);
	CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[1]), 0);
	CHECK_EQ(nvm_cmd_erase(dev, &a, 1, NULL, NVM_CMD_ASYNC, &rets[2]), 0);
	h_set_dulbe(dev, 1);
	a = h_addr(1, 1, 1, 0);
	CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &rets[3]), 0);
	CHECK_EQ(nvm_async_wait(dev, ctx), 4);
	CHECK_EQ(rets[0].status, NVM_STATUS_OUT_OF_ORDER_WRITE);
	CHECK_EQ(rets[0].result.vio.cs, 0xF);
	CHECK_EQ(rets[1].status, NVM_STATUS_WRITE_FAULT);
	CHECK_EQ(rets[2].status, NVM_STATUS_INVALID_RESET);
	CHECK_EQ(rets[3].status, NVM_STATUS_DULB);

	errno = 0;
	CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	rets[0].async.ctx = NULL;
	errno = 0;
	CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &rets[0]), -1);
	CHECK_EQ(errno, EINVAL);
	rets[0].async.ctx = other_ctx;
	errno = 0;
	CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &rets[0]), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_async_get_outstanding(ctx), 0);
	CHECK_EQ(nvm_async_get_outstanding(other_ctx), 0);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	CHECK_EQ(nvm_async_term(other, other_ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(other);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
