/* Commands to one chunk take effect in submission order: 16 back-to-back async writes of ws_min
 * sectors to one chunk, queued without waiting, all succeed and the data reads back in order;
 * a read queued after them sees the data. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 64, 0);
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_ret rets[17];
	struct nvm_addr a;

	CHECK(ctx);
	h_fill(wbuf, 64 * 4096, 51);
	memset(rets, 0, sizeof(rets));
	for (unsigned i = 0; i < 16; ++i) {
		struct nvm_addr addrs[4];

		rets[i].async.ctx = ctx;
		h_addrs(addrs, h_addr(1, 1, 6, i * 4), 4);
		CHECK_EQ(nvm_cmd_write(dev, addrs, 4, wbuf + i * 4 * 4096, NULL, NVM_CMD_ASYNC,
				       &rets[i]),
			 0);
	}
	rets[16].async.ctx = ctx;
	a = h_addr(1, 1, 6, 0);
	CHECK_EQ(nvm_cmd_read(dev, &a, 64, rbuf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[16]),
		 0);
	CHECK_EQ(nvm_async_wait(dev, ctx), 17);
	for (int i = 0; i < 17; ++i)
		CHECK_EQ(rets[i].status, 0);
	CHECK(memcmp(rbuf, wbuf, 64 * 4096) == 0);
	CHECK_EQ(h_descr(dev, a).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
