/* lnvm-mkimage creates a 64 GiB image instantly as a sparse file, with the default geometry, and
 * refuses to overwrite an existing file without --force. */
#include <sys/stat.h>

#include "harness.h"

int main(void)
{
	char *path = h_path("big");
	struct stat st;
	struct nvm_dev *dev;
	const struct nvm_geo *geo;

	/* defaults: 2 x 4 x 64 chunks of 4096 x 4 KiB sectors = 8 GiB; nchunk 512 -> 64 GiB */
	CHECK_EQ(h_mkimage_rc(path, "--nchunk 512"), 0);
	CHECK_EQ(stat(path, &st), 0);
	CHECK((uint64_t)st.st_size > (64ULL << 30));
	CHECK((uint64_t)st.st_blocks * 512 < (1ULL << 20)); /* under 1 MiB allocated */

	dev = nvm_dev_open(path);
	CHECK(dev);
	geo = nvm_dev_get_geo(dev);
	CHECK_EQ(geo->l.npugrp, 2);
	CHECK_EQ(geo->l.npunit, 4);
	CHECK_EQ(geo->l.nchunk, 512);
	CHECK_EQ(geo->l.nsectr, 4096);
	CHECK_EQ(geo->l.nbytes, 4096);
	CHECK_EQ(geo->l.nbytes_oob, 16);
	CHECK_EQ(geo->tbytes, 64ULL << 30);
	CHECK_EQ(nvm_dev_get_ws_min(dev), 4);
	CHECK_EQ(nvm_dev_get_ws_opt(dev), 8);
	CHECK_EQ(nvm_dev_get_mw_cunits(dev), 8);
	CHECK_EQ(nvm_dev_get_mccap(dev), NVM_MCCAP_VCOPY);
	nvm_dev_close(dev);

	CHECK_EQ(h_mkimage_rc(path, H_SMALL), 1); /* exists */
	CHECK_EQ(h_mkimage_rc(path, H_SMALL " --force"), 0);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(nvm_dev_get_geo(dev)->l.nchunk, 8);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
