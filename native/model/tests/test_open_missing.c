/* Opening a path that does not exist fails with NULL and ENOENT. */
#include "harness.h"

int main(void)
{
	char *path = h_path("missing");

	errno = 0;
	CHECK(nvm_dev_open(path) == NULL);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK(nvm_dev_openf(path, 0) == NULL);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK(nvm_dev_open(NULL) == NULL);
	CHECK_EQ(errno, EINVAL);
	return H_EXIT_PASS;
}
