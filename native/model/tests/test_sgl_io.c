/* With NVM_CMD_SGL (and NVM_CMD_SGL_META) a write gathers data and metadata from list segments
 * and a read scatters into them, in vector and scalar mode, sync and async; a list holding fewer
 * bytes than the command needs fails with EINVAL. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --mw-cunits 0");
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 4, 0);
	char *wbuf = nvm_buf_alloc(dev, 8 * 4096, NULL), *rbuf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	char wmeta[8 * 16], rmeta[8 * 16];
	struct nvm_sgl_pool *pool = nvm_sgl_pool_create(dev);
	struct nvm_addr addrs[8];

	h_fill(wbuf, 8 * 4096, 7);
	h_fill(wmeta, sizeof(wmeta), 8);
	for (int m = 0; m < H_NMODES; ++m) {
		for (int async = 0; async < 2; ++async) {
			struct nvm_addr start = h_addr(1, (unsigned)m, (unsigned)async, 0);
			struct nvm_sgl *w = nvm_sgl_alloc(pool), *wm = nvm_sgl_alloc(pool);
			struct nvm_sgl *r = nvm_sgl_create(dev, 2), *rm = nvm_sgl_create(dev, 0);
			uint16_t flags = h_modes[m] | NVM_CMD_SGL | NVM_CMD_SGL_META;
			struct nvm_ret ret = { 0 };

			/* the second half first: segments, not the buffer, give the order */
			CHECK_EQ(nvm_sgl_add(dev, w, wbuf + 4 * 4096, 4 * 4096), 0);
			CHECK_EQ(nvm_sgl_add(dev, w, wbuf, 4 * 4096), 0);
			CHECK_EQ(nvm_sgl_add(dev, wm, wmeta, sizeof(wmeta)), 0);
			CHECK_EQ(nvm_sgl_add(dev, r, rbuf, 8 * 4096), 0);
			CHECK_EQ(nvm_sgl_add(dev, rm, rmeta, sizeof(rmeta)), 0);
			memset(rbuf, 0, 8 * 4096);
			memset(rmeta, 0, sizeof(rmeta));
			h_addrs(addrs, start, 8);
			if (async) {
				flags |= NVM_CMD_ASYNC;
				ret.async.ctx = ctx;
			}
			CHECK_EQ(nvm_cmd_write(dev, addrs, 8, w, wm, flags, &ret), 0);
			CHECK_EQ(nvm_cmd_read(dev, addrs, 8, r, rm, flags, &ret), 0);
			if (async)
				CHECK_EQ(nvm_async_wait(dev, ctx), 2);
			CHECK_EQ(ret.status, 0);
			CHECK(memcmp(rbuf, wbuf + 4 * 4096, 4 * 4096) == 0);
			CHECK(memcmp(rbuf + 4 * 4096, wbuf, 4 * 4096) == 0);
			CHECK(memcmp(rmeta, wmeta, sizeof(rmeta)) == 0);
			nvm_sgl_free(pool, w);
			nvm_sgl_free(pool, wm);
			nvm_sgl_destroy(dev, r);
			nvm_sgl_destroy(dev, rm);
		}
	}
	{
		struct nvm_sgl *small = nvm_sgl_alloc(pool);

		CHECK_EQ(nvm_sgl_add(dev, small, wbuf, 4096), 0);
		h_addrs(addrs, h_addr(0, 0, 7, 0), 8);
		errno = 0;
		CHECK_EQ(nvm_cmd_write(dev, addrs, 8, small, NULL, NVM_CMD_SGL, NULL), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(h_descr(dev, addrs[0]).wp, 0);
		errno = 0;
		CHECK_EQ(nvm_sgl_add(dev, small, NULL, 10), -1);
		CHECK_EQ(errno, EINVAL);
		nvm_sgl_reset(small);
		nvm_sgl_free(pool, small);
	}
	nvm_sgl_pool_destroy(pool);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
