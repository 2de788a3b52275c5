/* Closing one handle with commands in flight on its context finishes them and frees the context
 * without callbacks, while another handle of the same image and its context keep working. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *stay = nvm_dev_open(path);
	struct nvm_dev *leave = nvm_dev_open(path);
	struct nvm_async_ctx *busy = nvm_async_init(leave, 32, 0);
	struct nvm_async_ctx *kept = nvm_async_init(stay, 4, 0);
	char *buf = nvm_buf_alloc(stay, 4 * 4096, NULL);
	struct nvm_ret rets[16], ret = { 0 };
	struct nvm_addr a;

	CHECK(busy && kept);
	for (unsigned i = 0; i < 16; ++i) {
		a = h_addr(1, 1, 0, i * 4);
		memset(&rets[i], 0, sizeof(rets[i]));
		rets[i].async.ctx = busy;
		rets[i].async.cb = h_count_cb;
		CHECK_EQ(nvm_cmd_write(leave, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR,
				       &rets[i]),
			 0);
	}
	nvm_dev_close(leave);
	CHECK_EQ(h_ncalls, 0);
	CHECK_EQ(h_descr(stay, h_addr(1, 1, 0, 0)).cs, NVM_CHUNK_STATE_CLOSED);

	a = h_addr(0, 1, 3, 0);
	ret.async.ctx = kept;
	ret.async.cb = h_count_cb;
	CHECK_EQ(nvm_cmd_write(stay, &a, 4, buf, NULL, NVM_CMD_ASYNC | NVM_CMD_SCALAR, &ret), 0);
	CHECK_EQ(nvm_async_wait(stay, kept), 1);
	CHECK_EQ(h_ncalls, 1);
	CHECK_EQ(ret.status, 0);
	CHECK_EQ(nvm_async_term(stay, kept), 0);
	nvm_buf_free(NULL, buf);
	nvm_dev_close(stay);
	return H_EXIT_PASS;
}
