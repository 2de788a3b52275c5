/* nvm_buf_to_file and nvm_buf_from_file move exactly nbytes; reading more than the file holds
 * fails with EINVAL; a missing file fails with ENOENT. */
#include "harness.h"

int main(void)
{
	char *path = h_path("buf");
	char out[5000], in[5000], big[6000];

	nvm_buf_fill(out, sizeof(out));
	CHECK_EQ(nvm_buf_to_file(out, sizeof(out), path), 0);
	memset(in, 0, sizeof(in));
	CHECK_EQ(nvm_buf_from_file(in, sizeof(in), path), 0);
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	errno = 0;
	CHECK_EQ(nvm_buf_from_file(big, sizeof(big), path), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(nvm_buf_from_file(in, 10, h_path("missing")), -1);
	CHECK_EQ(errno, ENOENT);
	return H_EXIT_PASS;
}
