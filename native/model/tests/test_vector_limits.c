/* Malformed calls fail with -1/EINVAL before anything is queued: naddrs outside 1..64, NULL
 * addrs or data, SYNC with ASYNC, SCALAR with VECTOR; 64 addresses are accepted. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 65 * 4096, NULL);
	struct nvm_addr addrs[65];
	const int bad_n[] = { 0, -1, 65, 1000 };

	h_addrs(addrs, h_addr(0, 0, 0, 0), 65);
	for (int m = 0; m < H_NMODES; ++m) {
		for (int b = 0; b < 4; ++b) {
			errno = 0;
			CHECK_EQ(nvm_cmd_write(dev, addrs, bad_n[b], buf, NULL, h_modes[m], NULL),
				 -1);
			CHECK_EQ(errno, EINVAL);
			errno = 0;
			CHECK_EQ(nvm_cmd_read(dev, addrs, bad_n[b], buf, NULL, h_modes[m], NULL),
				 -1);
			CHECK_EQ(errno, EINVAL);
			errno = 0;
			CHECK_EQ(nvm_cmd_erase(dev, addrs, bad_n[b], NULL, h_modes[m], NULL), -1);
			CHECK_EQ(errno, EINVAL);
		}
		errno = 0;
		CHECK_EQ(nvm_cmd_write(dev, NULL, 4, buf, NULL, h_modes[m], NULL), -1);
		CHECK_EQ(errno, EINVAL);
		errno = 0;
		CHECK_EQ(nvm_cmd_read(dev, addrs, 4, NULL, NULL, h_modes[m], NULL), -1);
		CHECK_EQ(errno, EINVAL);
		errno = 0;
		CHECK_EQ(nvm_cmd_read(dev, addrs, 4, buf, NULL,
				      h_modes[m] | NVM_CMD_SYNC | NVM_CMD_ASYNC, NULL),
			 -1);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(h_descr(dev, addrs[0]).cs, NVM_CHUNK_STATE_FREE);
	}
	errno = 0;
	CHECK_EQ(nvm_cmd_read(dev, addrs, 4, buf, NULL, NVM_CMD_SCALAR | NVM_CMD_VECTOR, NULL), -1);
	CHECK_EQ(errno, EINVAL);

	/* 64 addresses in one vector command, and 64 sectors in one scalar command */
	CHECK_EQ(nvm_cmd_write(dev, addrs, 64, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_descr(dev, addrs[0]).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(nvm_cmd_read(dev, addrs, 64, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(nvm_cmd_read(dev, addrs, 64, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	/* flags without a mode bit mean vector, synchronous */
	CHECK_EQ(nvm_cmd_read(dev, addrs, 64, buf, NULL, 0, NULL), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
