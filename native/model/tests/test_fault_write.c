/* An injected write fault makes every write to the chunk fail with 0x280 without applying it;
 * other chunks are unaffected; once cleared, the chunk takes writes again. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev;
	char *buf;
	uint16_t status;

	h_fault(path, "write-fault 0/1/3");
	dev = nvm_dev_open(path);
	CHECK(dev);
	buf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	for (int m = 0; m < H_NMODES; ++m) {
		CHECK_EQ(h_write(dev, h_addr(0, 1, 3, 0), 8, buf, NULL, h_modes[m], &status), -1);
		CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
		CHECK_EQ(h_descr(dev, h_addr(0, 1, 3, 0)).wp, 0);
		CHECK_EQ(h_descr(dev, h_addr(0, 1, 3, 0)).cs, NVM_CHUNK_STATE_FREE);
	}
	CHECK_EQ(h_write(dev, h_addr(0, 1, 4, 0), 8, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	nvm_dev_close(dev);

	h_fault(path, "clear 0/1/3");
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 3, 0), 8, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 4, 0)).wp, 8); /* faults change no chunk state */
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
