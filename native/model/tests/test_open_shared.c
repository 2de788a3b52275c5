/* Several opens of one image in one process succeed at once and share one device state: a write
 * through one handle shows in another's report and reads, DULBE set through one applies to all,
 * and a handle keeps working after the others are closed. */
#include "harness.h"

#define NOPENS 10

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *devs[NOPENS];
	char *wbuf, *rbuf;
	uint16_t status;

	for (int i = 0; i < NOPENS; ++i) {
		devs[i] = nvm_dev_open(path);
		CHECK(devs[i]);
	}
	CHECK(devs[0] != devs[1]);
	wbuf = nvm_buf_alloc(devs[0], 16 * 4096, NULL);
	rbuf = nvm_buf_alloc(devs[0], 16 * 4096, NULL);
	h_fill(wbuf, 16 * 4096, 3);
	CHECK_EQ(h_write(devs[0], h_addr(1, 0, 2, 0), 16, wbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_descr(devs[NOPENS - 1], h_addr(1, 0, 2, 0)).wp, 16);
	CHECK_EQ(h_read(devs[5], h_addr(1, 0, 2, 0), 8, rbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf, 8 * 4096) == 0);

	h_set_dulbe(devs[1], 1);
	CHECK_EQ(h_read(devs[2], h_addr(0, 0, 0, 0), 4, rbuf, NULL, NVM_CMD_VECTOR, &status), -1);
	CHECK_EQ(status, NVM_STATUS_DULB);
	h_set_dulbe(devs[1], 0);

	for (int i = 0; i < NOPENS - 1; ++i)
		nvm_dev_close(devs[i]);
	CHECK_EQ(
		h_write(devs[NOPENS - 1], h_addr(1, 0, 2, 16), 4, wbuf, NULL, NVM_CMD_VECTOR, NULL),
		0);
	CHECK_EQ(h_descr(devs[NOPENS - 1], h_addr(1, 0, 2, 0)).wp, 20);
	nvm_dev_close(devs[NOPENS - 1]);
	nvm_buf_free(NULL, rbuf);
	nvm_buf_free(NULL, wbuf);
	return H_EXIT_PASS;
}
