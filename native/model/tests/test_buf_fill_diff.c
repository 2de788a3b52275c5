/* nvm_buf_fill writes the repeating alphabet; nvm_buf_diff counts differing bytes and
 * nvm_buf_diff_pr lists each one and the totals. */
#include "harness.h"

int main(void)
{
	char a[60], b[60];
	const char *out;

	nvm_buf_fill(a, sizeof(a));
	CHECK_EQ(a[0], 'A');
	CHECK_EQ(a[25], 'Z');
	CHECK_EQ(a[26], 'A');
	CHECK_EQ(a[59], 'A' + 59 % 26);
	memcpy(b, a, sizeof(b));
	CHECK_EQ(nvm_buf_diff(a, b, sizeof(a)), 0);
	b[3] = 'x';
	b[40] = 0;
	CHECK_EQ(nvm_buf_diff(a, b, sizeof(a)), 2);

	h_capture_begin();
	nvm_buf_diff_pr(a, b, sizeof(a));
	out = h_capture_end();
	CHECK(strstr(out, "buf_diffs:\n"));
	CHECK(strstr(out, "i: '000003', exp: 'D', actd: 120, acth: 0x78, actc: x"));
	CHECK(strstr(out, "i: '000040', exp: 'O', actd: 00, acth: 0x00, actc: ?"));
	CHECK(strstr(out, "buf_nbytes: 60\nbuf_nbytes_diff: 2\n"));

	h_capture_begin();
	nvm_buf_pr(a, 33);
	out = h_capture_end();
	CHECK(strstr(out, "i[0,31]:  A B C"));
	CHECK(strstr(out, "i[32,63]:  G"));
	return H_EXIT_PASS;
}
