/* nvm_addr_pr prints the raw value, nvm_addr_prn one 2.0 line per address, nvm_bounds_pr one
 * line per offending field of an nvm_addr_check mask. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_addr addrs[2] = { h_addr(1, 0, 3, 17), h_addr(0, 1, 12, 0) };
	const char *out;

	h_capture_begin();
	nvm_addr_pr(addrs[0]);
	printf("\n");
	nvm_addr_prn(addrs, 2, dev);
	nvm_bounds_pr(nvm_addr_check(addrs[1], dev));
	nvm_bounds_pr(0);
	out = h_capture_end();
	CHECK(strstr(out, "0x0100000300000011\n"));
	CHECK(strstr(out, "naddrs: 2\naddrs:\n"));
	CHECK(strstr(out, "  - {val: 0x0100000300000011, pugrp: 01, punit: 00, chunk: 0003, "
			  "sectr: 0017}\n"));
	CHECK(strstr(out, "bounds:\n- chunk\n"));
	CHECK(strstr(out, "bounds: ~\n"));
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
