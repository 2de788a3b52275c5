/* A report for an address covers that address's PU from its chunk to the PU's last chunk; an
 * address outside the geometry fails with EINVAL. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr a = h_addr(1, 1, 5, 33);
	struct nvm_spec_rprt *rprt;
	struct nvm_ret ret;

	CHECK_EQ(h_write(dev, h_addr(1, 1, 6, 0), 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	rprt = nvm_cmd_rprt(dev, &a, 0, NULL);
	CHECK(rprt);
	CHECK_EQ(rprt->ndescr, 3);
	for (unsigned i = 0; i < 3; ++i)
		CHECK_EQ(rprt->descr[i].addr, nvm_addr_gen2dev(dev, h_addr(1, 1, 5 + i, 0)));
	CHECK_EQ(rprt->descr[1].cs, NVM_CHUNK_STATE_OPEN);
	CHECK_EQ(rprt->descr[1].wp, 4);
	nvm_buf_free(dev, rprt);

	a = h_addr(0, 1, 0, 0); /* a whole PU */
	rprt = nvm_cmd_rprt(dev, &a, 0, NULL);
	CHECK(rprt);
	CHECK_EQ(rprt->ndescr, 8);
	CHECK_EQ(rprt->descr[7].addr, nvm_addr_gen2dev(dev, h_addr(0, 1, 7, 0)));
	nvm_buf_free(dev, rprt);

	a = h_addr(0, 0, 8, 0);
	errno = 0;
	CHECK(nvm_cmd_rprt(dev, &a, 0, &ret) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(ret.status, NVM_STATUS_INVALID_FIELD);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
