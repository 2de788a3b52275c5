/* rprt_arbs returns 0 and fills naddrs distinct chunk addresses in the requested state; -1 with
 * ENOSPC when there are fewer, EINVAL for a bad state or count. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 1/1/7");
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr addrs[32];

	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_FREE, 1, addrs), 0);
	CHECK_EQ(h_descr(dev, addrs[0]).cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(addrs[0].l.sectr, 0);
	CHECK_EQ(h_write(dev, addrs[0], 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);

	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_OPEN, 1, addrs + 1), 0);
	CHECK_EQ(addrs[1].val, addrs[0].val);
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_OFFLINE, 1, addrs), 0);
	CHECK_EQ(addrs[0].val, h_addr(1, 1, 7, 0).val);

	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_FREE, 30, addrs), 0);
	for (int i = 0; i < 30; ++i) {
		CHECK_EQ(h_descr(dev, addrs[i]).cs, NVM_CHUNK_STATE_FREE);
		for (int j = 0; j < i; ++j)
			CHECK(addrs[i].val != addrs[j].val);
	}
	errno = 0;
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_FREE, 31, addrs), -1);
	CHECK_EQ(errno, ENOSPC);
	errno = 0;
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_CLOSED, 1, addrs), -1);
	CHECK_EQ(errno, ENOSPC);
	errno = 0;
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, 0x3, 1, addrs), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_FREE, -1, addrs), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_cmd_rprt_arbs(dev, NVM_CHUNK_STATE_FREE, 0, addrs), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
