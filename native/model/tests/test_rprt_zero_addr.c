/* A report for the all-zero address is not the whole device: it lists the nchunk chunks of PU
 * 0/0, as liblightnvm's nvm_cmd_rprt_arbs expects. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	const struct nvm_geo *geo = nvm_dev_get_geo(dev);
	struct nvm_addr zero = { .val = 0 };
	struct nvm_spec_rprt *rprt;
	struct nvm_ret ret;

	rprt = nvm_cmd_rprt(dev, &zero, 0, &ret);
	CHECK(rprt);
	CHECK_EQ(ret.status, 0);
	CHECK_EQ(rprt->ndescr, geo->l.nchunk);
	for (unsigned c = 0; c < geo->l.nchunk; ++c)
		CHECK_EQ(rprt->descr[c].addr, nvm_addr_gen2dev(dev, h_addr(0, 0, c, 0)));
	nvm_buf_free(dev, rprt);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
