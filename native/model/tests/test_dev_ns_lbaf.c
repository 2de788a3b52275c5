/* The namespace data counts the device's sectors and says deallocated sectors read as zeros
 * (dlfeat 1); lbaf holds the device address field lengths; nsid is 1, be_id NVM_BE_ANY, fd the
 * image's descriptor; the 1.2 formats are zero. */
#include <fcntl.h>

#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL); /* 2 x 2 x 8 x 64 sectors of 4096 + 16 bytes */
	const struct nvm_nvme_ns *ns = nvm_dev_get_ns(dev);
	const struct nvm_spec_lbaf *lbaf = nvm_dev_get_lbaf(dev);

	CHECK(ns && lbaf);
	CHECK_EQ(ns->nsze, 2 * 2 * 8 * 64);
	CHECK_EQ(ns->ncap, ns->nsze);
	CHECK_EQ(ns->dlfeat & 0x7, 0x1);
	CHECK_EQ(ns->lbaf[0].ds, 12);
	CHECK_EQ(ns->lbaf[0].ms, 16);
	CHECK_EQ(lbaf->sectr, 6);
	CHECK_EQ(lbaf->chunk, 3);
	CHECK_EQ(lbaf->punit, 1);
	CHECK_EQ(lbaf->pugrp, 1);
	CHECK_EQ(nvm_dev_get_nsid(dev), 1);
	CHECK_EQ(nvm_dev_get_be_id(dev), NVM_BE_ANY);
	CHECK(fcntl(nvm_dev_get_fd(dev), F_GETFD) >= 0);
	CHECK(h_is_zero(nvm_dev_get_ppaf(dev), sizeof(struct nvm_spec_ppaf_nand)));
	CHECK(h_is_zero(nvm_dev_get_ppaf_mask(dev), sizeof(struct nvm_spec_ppaf_nand_mask)));
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
