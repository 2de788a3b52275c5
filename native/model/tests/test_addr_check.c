/* nvm_addr_check returns 0 inside the geometry, else a mask of the offending fields with the
 * OCSSD 2.0 bits PUGRP, PUNIT, CHUNK and SECTR (never the 1.2 bits 0x1-0x20). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);

	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 0), dev), 0);
	CHECK_EQ(nvm_addr_check(h_addr(1, 1, 7, 63), dev), 0);
	CHECK_EQ(nvm_addr_check(h_addr(2, 0, 0, 0), dev), 0x40);
	CHECK_EQ(nvm_addr_check(h_addr(0, 2, 0, 0), dev), 0x80);
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 8, 0), dev), 0x100);
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 64), dev), 0x200);
	CHECK_EQ(nvm_addr_check(h_addr(9, 9, 9, 99), dev),
		 NVM_BOUNDS_PUGRP | NVM_BOUNDS_PUNIT | NVM_BOUNDS_CHUNK | NVM_BOUNDS_SECTR);
	errno = 0;
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 0), NULL), -1);
	CHECK_EQ(errno, EINVAL);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
