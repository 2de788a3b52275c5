/* nvm_cmd_idfy returns OCSSD 2.0 geometry data matching the image; nvm_cmd_pass is refused with
 * ENOSYS and status 0x001. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --mccap 0x3");
	struct nvm_ret ret;
	struct nvm_spec_idfy *idfy;

	memset(&ret, 0xAB, sizeof(ret));
	idfy = nvm_cmd_idfy(dev, &ret);
	CHECK(idfy);
	CHECK_EQ(ret.status, 0);
	CHECK_EQ(idfy->s.verid, NVM_SPEC_VERID_20);
	CHECK_EQ(idfy->s20.mccap, 0x3);
	CHECK_EQ(idfy->s20.lgeo.npugrp, 2);
	CHECK_EQ(idfy->s20.lgeo.npunit, 2);
	CHECK_EQ(idfy->s20.lgeo.nchunk, 8);
	CHECK_EQ(idfy->s20.lgeo.nsectr, 64);
	CHECK_EQ(idfy->s20.wrt.ws_min, 4);
	CHECK_EQ(idfy->s20.wrt.ws_opt, 8);
	CHECK_EQ(idfy->s20.wrt.mw_cunits, 8);
	CHECK_EQ(idfy->s20.lbaf.sectr, nvm_dev_get_lbaf(dev)->sectr);
	nvm_buf_free(dev, idfy);

	errno = 0;
	CHECK_EQ(nvm_cmd_pass(dev, NULL, NULL, 0, NULL, 0, NVM_CMD_PIOC, &ret), -1);
	CHECK_EQ(errno, ENOSYS);
	CHECK_EQ(ret.status, 0x001);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
