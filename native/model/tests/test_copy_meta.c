/* Copy carries each sector's metadata (OOB) with its data: the destination reads back the
 * source's metadata (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --mw-cunits 0");
	char *wbuf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	char wmeta[8 * 16], rmeta[8 * 16];
	struct nvm_addr src[8], dst[8];
	struct nvm_ret ret;

	h_fill(wbuf, 8 * 4096, 5);
	h_fill(wmeta, sizeof(wmeta), 6);
	CHECK_EQ(h_write(dev, h_addr(0, 0, 0, 0), 8, wbuf, wmeta, NVM_CMD_VECTOR, NULL), 0);
	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr to = h_addr(1, 1, (unsigned)m, 0);

		h_addrs(src, h_addr(0, 0, 0, 0), 8);
		h_addrs(dst, to, 8);
		CHECK_EQ(nvm_cmd_copy(dev, src, dst, 8, h_modes[m], &ret), 0);
		memset(rmeta, 0, sizeof(rmeta));
		CHECK_EQ(h_read(dev, to, 8, rbuf, rmeta, h_modes[m], NULL), 0);
		CHECK(memcmp(rbuf, wbuf, 8 * 4096) == 0);
		CHECK(memcmp(rmeta, wmeta, sizeof(rmeta)) == 0);
	}
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
