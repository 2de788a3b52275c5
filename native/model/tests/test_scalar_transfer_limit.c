/* A scalar command of more sectors than the transfer limit (NVM_NADDR_MAX) is rejected by the
 * device: -1 with EINVAL and status 0x002; nothing is written. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 65 * 4096, NULL);
	struct nvm_addr a = h_addr(0, 0, 0, 0);
	struct nvm_ret ret;

	memset(&ret, 0, sizeof(ret));
	errno = 0;
	CHECK_EQ(nvm_cmd_write(dev, &a, 65, buf, NULL, NVM_CMD_SCALAR, &ret), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(ret.status, NVM_STATUS_INVALID_FIELD);
	CHECK_EQ(h_descr(dev, a).wp, 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
