/* Closing a device with live contexts (one idle, one with commands in flight) finishes the
 * queued commands and frees the contexts without running their callbacks. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path);
	struct nvm_async_ctx *idle = nvm_async_init(dev, 4, 0);
	struct nvm_async_ctx *busy = nvm_async_init(dev, 32, 0);
	char *buf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_ret rets[16];
	struct nvm_addr src = h_addr(0, 0, 0, 0), dst = h_addr(0, 0, 1, 0);

	CHECK(idle && busy);
	h_fill_chunk(dev, src, 81);
	for (unsigned i = 0; i < 15; ++i) {
		struct nvm_addr a = h_addr(1, 0, 0, i * 4);

		rets[i].async.ctx = busy;
		rets[i].async.cb = h_count_cb;
		CHECK_EQ(nvm_cmd_write(dev, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR,
				       &rets[i]),
			 0);
	}
	rets[15].async.ctx = busy;
	rets[15].async.cb = h_count_cb;
	CHECK_EQ(nvm_cmd_copy(dev, &src, &dst, 16, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[15]), 0);
	nvm_dev_close(dev);
	CHECK_EQ(h_ncalls, 0);

	dev = nvm_dev_open(path); /* the queued writes and the copy took effect */
	CHECK(dev);
	CHECK_EQ(h_descr(dev, h_addr(1, 0, 0, 0)).wp, 60);
	CHECK_EQ(h_descr(dev, dst).wp, 16);
	nvm_dev_close(dev);
	nvm_buf_free(NULL, buf);
	return H_EXIT_PASS;
}
