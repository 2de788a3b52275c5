/* Injected read errors: reads of the chosen sectors return their data but complete with 0x2D0,
 * with result bit i set for each such address i; other sectors of the command read normally
 * (vector and scalar). */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL " --mw-cunits 0");
	struct nvm_dev *dev;
	char *wbuf, *rbuf;
	struct nvm_addr addrs[16];

	h_fault(path, "read-error 1/0/2/5 3"); /* sectors 5, 6, 7 */
	dev = nvm_dev_open(path);
	CHECK(dev);
	wbuf = nvm_buf_alloc(dev, 16 * 4096, NULL);
	rbuf = nvm_buf_alloc(dev, 16 * 4096, NULL);
	h_fill(wbuf, 16 * 4096, 9);
	CHECK_EQ(h_write(dev, h_addr(1, 0, 2, 0), 16, wbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_ret ret;

		memset(rbuf, 0, 16 * 4096);
		memset(&ret, 0, sizeof(ret));
		h_addrs(addrs, h_addr(1, 0, 2, 4), 8); /* sectors 4..11 */
		CHECK_EQ(nvm_cmd_read(dev, addrs, 8, rbuf, NULL, h_modes[m], &ret), -1);
		CHECK_EQ(errno, EIO);
		CHECK_EQ(ret.status, NVM_STATUS_READ_HIGH_ECC);
		CHECK_EQ(ret.result.vio.cs, 0xE); /* indices 1, 2, 3: sectors 5, 6, 7 */
		CHECK(memcmp(rbuf, wbuf + 4 * 4096, 8 * 4096) == 0);
		CHECK_EQ(h_read(dev, h_addr(1, 0, 2, 8), 8, rbuf, NULL, h_modes[m], NULL), 0);
	}
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
