/* A callback may submit the next command: with depth 1 a chain of 64 writes driven from callbacks
 * completes inside one wait, which counts them all. */
#include "harness.h"

struct chain {
	struct nvm_dev *dev;
	struct nvm_async_ctx *ctx;
	struct nvm_ret ret;
	char *buf;
	unsigned next;
	int errors;
};

static void cb(struct nvm_ret *ret, void *cb_arg)
{
	struct chain *c = cb_arg;
	struct nvm_addr a = h_addr(1, 0, 4, 0);

	if (ret->status)
		++c->errors;
	if (c->next == 64)
		return;
	a.l.sectr = c->next;
	c->next += 4;
	CHECK_EQ(nvm_async_get_outstanding(c->ctx), 0);
	CHECK_EQ(
		nvm_cmd_write(c->dev, &a, 4, c->buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &c->ret),
		0);
}

int main(void)
{
	struct chain c = { 0 };
	struct nvm_addr a = h_addr(1, 0, 4, 0);

	c.dev = h_open(H_SMALL);
	c.ctx = nvm_async_init(c.dev, 1, 0);
	c.buf = nvm_buf_alloc(c.dev, 4 * 4096, NULL);
	CHECK(c.ctx);
	c.ret.async.ctx = c.ctx;
	c.ret.async.cb = cb;
	c.ret.async.cb_arg = &c;
	c.next = 4;
	CHECK_EQ(nvm_cmd_write(c.dev, &a, 4, c.buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &c.ret),
		 0);
	CHECK_EQ(nvm_async_wait(c.dev, c.ctx), 16);
	CHECK_EQ(c.errors, 0);
	CHECK_EQ(h_descr(c.dev, a).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(nvm_async_term(c.dev, c.ctx), 0);
	nvm_buf_free(c.dev, c.buf);
	nvm_dev_close(c.dev);
	return H_EXIT_PASS;
}
