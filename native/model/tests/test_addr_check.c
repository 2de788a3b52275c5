/* nvm_addr_check returns 0 inside the geometry, else a mask of the offending fields (liblightnvm's
 * OCSSD 2.0 bits: CHANNEL pugrp, LUN punit, PLANE chunk, BLOCK sectr). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);

	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 0), dev), 0);
	CHECK_EQ(nvm_addr_check(h_addr(1, 1, 7, 63), dev), 0);
	CHECK_EQ(nvm_addr_check(h_addr(2, 0, 0, 0), dev), NVM_BOUNDS_CHANNEL);
	CHECK_EQ(nvm_addr_check(h_addr(0, 2, 0, 0), dev), NVM_BOUNDS_LUN);
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 8, 0), dev), NVM_BOUNDS_PLANE);
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 64), dev), NVM_BOUNDS_BLOCK);
	CHECK_EQ(nvm_addr_check(h_addr(9, 9, 9, 99), dev),
		 NVM_BOUNDS_CHANNEL | NVM_BOUNDS_LUN | NVM_BOUNDS_PLANE | NVM_BOUNDS_BLOCK);
	errno = 0;
	CHECK_EQ(nvm_addr_check(h_addr(0, 0, 0, 0), NULL), -1);
	CHECK_EQ(errno, EINVAL);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
