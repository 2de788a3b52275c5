/* A write to an OFFLINE chunk fails with 0x280; the chunk stays OFFLINE, also after reopening
 * (vector and scalar). */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL " --offline 1/0/5 --offline 0/1/2");
	struct nvm_dev *dev = nvm_dev_open(path);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr chunk = h_addr(1, 0, 5, 0);

	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 2, 0)).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 3, 0)).cs, NVM_CHUNK_STATE_FREE);
	for (int m = 0; m < H_NMODES; ++m) {
		uint16_t status = 0;

		CHECK_EQ(h_write(dev, chunk, 4, buf, NULL, h_modes[m], &status), -1);
		CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
		CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OFFLINE);
		CHECK_EQ(h_descr(dev, chunk).wp, 0);
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OFFLINE);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
