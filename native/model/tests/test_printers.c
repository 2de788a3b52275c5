/* The device, geometry, identify and report printers print liblightnvm's keys with this device's
 * values, and "~" for NULL. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_addr pu = h_addr(1, 1, 0, 0);
	struct nvm_spec_rprt *rprt = nvm_cmd_rprt(dev, &pu, 0, NULL);
	struct nvm_spec_idfy *idfy = nvm_cmd_idfy(dev, NULL);
	const char *out;

	CHECK(rprt && idfy);
	h_capture_begin();
	nvm_geo_pr(nvm_dev_get_geo(dev));
	nvm_dev_pr(dev);
	nvm_spec_idfy_pr(idfy, 0);
	nvm_spec_rprt_pr(rprt);
	nvm_geo_pr(NULL);
	nvm_dev_pr(NULL);
	nvm_ver_pr();
	out = h_capture_end();
	CHECK(strstr(out,
		     "geo:\n  verid: 0x02\n  npugrp: 2\n  npunit: 2\n  nchunk: 8\n  nsectr: 64\n"
		     "  nbytes: 4096\n  nbytes_oob: 16\n  tbytes: 8388608\n  tmbytes: 8\n"));
	CHECK(strstr(out, "dev_attr:\n  verid: 0x02\n"));
	CHECK(strstr(out, "  write_naddrs_max: 64\n"));
	CHECK(strstr(out, "dev_lbaf:\n  pugrp: 1\n  punit: 1\n  chunk: 3\n  sectr: 6\n"));
	CHECK(strstr(out, "dev_lbaz:\n  pugrp: 10\n  punit: 9\n  chunk: 6\n  sectr: 0\n"));
	CHECK(strstr(out, "lgeo:\n  npugrp: 2\n"));
	CHECK(strstr(out, "wrt:\n  ws_min: 4\n  ws_opt: 8\n  mw_cunits: 8\n"));
	CHECK(strstr(out, "rprt:\n  ndescr: 8\nrprt_descr:\n"));
	CHECK(strstr(out, "  - { slba: 0x0000000000000600, cnlb: 0x0040, wp: 0x0000000000000000, "
			  "cs: 0x01, ct: 0x01, wli: 0x00 }\n"));
	CHECK(strstr(out, "geo: ~\ndev: ~\n"));
	CHECK(strstr(out, "Ver { major(0), minor(1), patch(0) }"));
	nvm_buf_free(dev, idfy);
	nvm_buf_free(dev, rprt);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
