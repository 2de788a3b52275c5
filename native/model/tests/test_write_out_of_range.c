/* A write outside the geometry (pugrp, punit, chunk or sector too large, or a scalar run past the
 * chunk's end) fails with 0x280 and never spills into a neighbouring chunk or PU. */
#include "harness.h"

static void expect_untouched(struct nvm_dev *dev)
{
	struct nvm_spec_rprt *rprt = nvm_cmd_rprt(dev, NULL, 0, NULL);

	CHECK(rprt);
	for (uint32_t i = 0; i < rprt->ndescr; ++i) {
		CHECK_EQ(rprt->descr[i].wp, 0);
		CHECK_EQ(rprt->descr[i].cs, NVM_CHUNK_STATE_FREE);
	}
	nvm_buf_free(dev, rprt);
}

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	const struct nvm_addr bad[] = {
		h_addr(2, 0, 0, 0),  /* pugrp */
		h_addr(0, 2, 0, 0),  /* punit */
		h_addr(0, 0, 8, 0),  /* chunk */
		h_addr(0, 0, 0, 64), /* sector */
		h_addr(1, 1, 7, 64), /* sector, last chunk of the device */
		h_addr(255, 255, 65535, 0xFFFFFFF0u),
	};

	for (int m = 0; m < H_NMODES; ++m) {
		for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); ++b) {
			uint16_t status = 0;

			CHECK_EQ(h_write(dev, bad[b], 4, buf, NULL, h_modes[m], &status), -1);
			CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
			expect_untouched(dev);
		}
	}
	/* scalar: 8 sectors from sector 60 would cross into the next chunk */
	{
		struct nvm_addr a = h_addr(0, 0, 2, 0);
		uint16_t status = 0;

		for (unsigned s = 0; s < 60; s += 4)
			CHECK_EQ(h_write(dev, h_addr(0, 0, 2, s), 4, buf, NULL, NVM_CMD_SCALAR,
					 NULL),
				 0);
		a.l.sectr = 60;
		CHECK_EQ(nvm_cmd_write(dev, &a, 8, buf, NULL, NVM_CMD_SCALAR, NULL), -1);
		CHECK_EQ(h_write(dev, a, 8, buf, NULL, NVM_CMD_SCALAR, &status), -1);
		CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
		CHECK_EQ(h_descr(dev, a).wp, 60);
		CHECK_EQ(h_descr(dev, h_addr(0, 0, 3, 0)).wp, 0);
		CHECK_EQ(h_descr(dev, h_addr(0, 0, 3, 0)).cs, NVM_CHUNK_STATE_FREE);
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
