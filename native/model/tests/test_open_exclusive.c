/* An image open in one place cannot be opened again (EBUSY) until it is closed. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path), *again;

	CHECK(dev);
	errno = 0;
	CHECK(nvm_dev_open(path) == NULL);
	CHECK_EQ(errno, EBUSY);
	nvm_dev_close(dev);
	again = nvm_dev_open(path);
	CHECK(again);
	nvm_dev_close(again);
	nvm_dev_close(NULL); /* ignored */
	return H_EXIT_PASS;
}
