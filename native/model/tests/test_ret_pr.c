/* nvm_ret_pr prints the result and status in liblightnvm's format, and "~" for NULL;
 * nvm_ret_clear zeroes a result. */
#include "harness.h"

int main(void)
{
	struct nvm_ret ret;
	const char *out;

	memset(&ret, 0xAB, sizeof(ret));
	nvm_ret_clear(&ret);
	CHECK(h_is_zero(&ret, sizeof(ret)));
	ret.result.vio.cs = 0x5;
	ret.status = 0x2F2;
	h_capture_begin();
	nvm_ret_pr(&ret);
	nvm_ret_pr(NULL);
	out = h_capture_end();
	CHECK_EQ(strcmp(out, "nvm_ret: {result: {cdw0: 0x5, vio: {cs: 0x5}}, status: 0x2f2}\n"
			     "nvm_ret: ~\n"),
		 0);
	return H_EXIT_PASS;
}
