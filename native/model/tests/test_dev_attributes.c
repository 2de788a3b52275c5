/* Device attributes reflect the image: geometry, tbytes, verid 2, write sizes, mccap, name, path;
 * the version functions answer. */
#include "harness.h"

int main(void)
{
	char *path = h_image("--npugrp 3 --npunit 5 --nchunk 7 --nsectr 96 --nbytes 512 "
			     "--nbytes-oob 8 --ws-min 8 --ws-opt 16 --mw-cunits 24 --mccap 3");
	struct nvm_dev *dev = nvm_dev_open(path);
	const struct nvm_geo *geo;
	const char *slash = strrchr(path, '/');

	CHECK(dev);
	geo = nvm_dev_get_geo(dev);
	CHECK_EQ(geo->l.npugrp, 3);
	CHECK_EQ(geo->l.npunit, 5);
	CHECK_EQ(geo->l.nchunk, 7);
	CHECK_EQ(geo->l.nsectr, 96);
	CHECK_EQ(geo->l.nbytes, 512);
	CHECK_EQ(geo->l.nbytes_oob, 8);
	CHECK_EQ(geo->npugrp, 3); /* named view shares storage */
	CHECK_EQ(geo->tbytes, 3ULL * 5 * 7 * 96 * 512);
	CHECK_EQ(geo->verid, 2);
	CHECK_EQ(nvm_dev_get_verid(dev), 2);
	CHECK_EQ(nvm_dev_get_ws_min(dev), 8);
	CHECK_EQ(nvm_dev_get_ws_opt(dev), 16);
	CHECK_EQ(nvm_dev_get_mw_cunits(dev), 24);
	CHECK_EQ(nvm_dev_get_mccap(dev), 3);
	CHECK(strcmp(nvm_dev_get_path(dev), path) == 0);
	CHECK(strcmp(nvm_dev_get_name(dev), slash + 1) == 0);
	CHECK_EQ(nvm_ver_major(), 0);
	CHECK(nvm_ver_minor() >= 1);
	CHECK(nvm_ver_patch() >= 0);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
