/* Reads of unwritten sectors (FREE chunk, at/beyond the write pointer, OFFLINE chunk, outside the
 * geometry) return zero bytes with DULBE off and fail with 0x287 with DULBE on; gfeat reports the
 * DULBE setting (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 1/1/1");
	char *buf = nvm_buf_alloc(dev, 32 * 4096, NULL);
	char *meta = nvm_buf_alloc(dev, 4 * 16, NULL);
	union nvm_nvme_feat feat;
	struct nvm_ret ret;
	const struct nvm_addr unwritten[] = {
		h_addr(0, 0, 0, 0),  /* FREE chunk */
		h_addr(0, 1, 0, 16), /* OPEN chunk, at the write pointer */
		h_addr(0, 1, 0, 40), /* OPEN chunk, beyond the write pointer */
		h_addr(1, 1, 1, 0),  /* OFFLINE */
		h_addr(0, 0, 8, 0),  /* chunk outside the geometry */
		h_addr(2, 0, 0, 0),  /* pugrp outside the geometry */
		h_addr(0, 0, 0, 64), /* sector outside the geometry */
	};

	h_fill(buf, 32 * 4096, 7);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 0, 0), 16, buf, NULL, NVM_CMD_VECTOR, NULL), 0);

	CHECK_EQ(nvm_cmd_gfeat(dev, NVM_FEAT_ERROR_RECOVERY, &feat, NULL), 0);
	CHECK_EQ(feat.error_recovery.dulbe, 0);
	for (int m = 0; m < H_NMODES; ++m) {
		for (size_t u = 0; u < sizeof(unwritten) / sizeof(unwritten[0]); ++u) {
			uint16_t status = 0xFFFF;

			h_set_dulbe(dev, 0);
			memset(buf, 0x5A, 4 * 4096);
			memset(meta, 0x5A, 4 * 16);
			CHECK_EQ(h_read(dev, unwritten[u], 4, buf, meta, h_modes[m], &status), 0);
			CHECK_EQ(status, 0);
			CHECK(h_is_zero(buf, 4 * 4096));
			CHECK(h_is_zero(meta, 4 * 16));

			h_set_dulbe(dev, 1);
			CHECK_EQ(nvm_cmd_gfeat(dev, NVM_FEAT_ERROR_RECOVERY, &feat, &ret), 0);
			CHECK_EQ(feat.error_recovery.dulbe, 1);
			errno = 0;
			CHECK_EQ(h_read(dev, unwritten[u], 4, buf, NULL, h_modes[m], &status), -1);
			CHECK_EQ(errno, EIO);
			CHECK_EQ(status, NVM_STATUS_DULB);
		}
	}
	/* unsupported feature ids are refused */
	CHECK_EQ(nvm_cmd_gfeat(dev, NVM_FEAT_MEDIA_FEEDBACK, &feat, &ret), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(ret.status, NVM_STATUS_INVALID_FIELD);
	nvm_buf_free(dev, meta);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
