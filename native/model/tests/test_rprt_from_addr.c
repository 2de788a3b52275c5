/* A report for an address lists nchunk chunks from that address's linear chunk index on: a PU's
 * chunks for chunk 0, continuing into the next PU otherwise; an address outside the geometry or
 * too close to the device's end fails with EINVAL and status 0x002. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr a;
	struct nvm_spec_rprt *rprt;
	struct nvm_ret ret;

	CHECK_EQ(h_write(dev, h_addr(0, 1, 6, 0), 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	a = h_addr(0, 1, 0, 0); /* a whole PU */
	rprt = nvm_cmd_rprt(dev, &a, 0, NULL);
	CHECK(rprt);
	CHECK_EQ(rprt->ndescr, 8);
	for (unsigned i = 0; i < 8; ++i)
		CHECK_EQ(rprt->descr[i].addr, nvm_addr_gen2dev(dev, h_addr(0, 1, i, 0)));
	CHECK_EQ(rprt->descr[6].cs, NVM_CHUNK_STATE_OPEN);
	CHECK_EQ(rprt->descr[6].wp, 4);
	nvm_buf_free(dev, rprt);

	a = h_addr(0, 1, 5, 33); /* chunks 5..7 of PU 0/1, then 0..4 of PU 1/0 */
	rprt = nvm_cmd_rprt(dev, &a, 0, NULL);
	CHECK(rprt);
	CHECK_EQ(rprt->ndescr, 8);
	for (unsigned i = 0; i < 3; ++i)
		CHECK_EQ(rprt->descr[i].addr, nvm_addr_gen2dev(dev, h_addr(0, 1, 5 + i, 0)));
	for (unsigned i = 3; i < 8; ++i)
		CHECK_EQ(rprt->descr[i].addr, nvm_addr_gen2dev(dev, h_addr(1, 0, i - 3, 0)));
	nvm_buf_free(dev, rprt);

	const struct nvm_addr bad[] = { h_addr(0, 0, 8, 0), h_addr(1, 1, 1, 0) };

	for (unsigned b = 0; b < 2; ++b) {
		a = bad[b];
		errno = 0;
		memset(&ret, 0, sizeof(ret));
		CHECK(nvm_cmd_rprt(dev, &a, 0, &ret) == NULL);
		CHECK_EQ(errno, EINVAL);
		CHECK_EQ(ret.status, NVM_STATUS_INVALID_FIELD);
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
