/* Resetting a FREE chunk fails with 0x2C1 unless mccap has the multiple-resets bit (0x2), in
 * which case it succeeds (vector and scalar; images made with --mccap 0x1 and 0x3). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *strict = h_open(H_SMALL " --mccap 0x1");
	struct nvm_dev *multi = h_open(H_SMALL " --mccap 0x3");

	CHECK_EQ(nvm_dev_get_mccap(strict) & NVM_MCCAP_MULTIPLE_RESETS, 0);
	CHECK(nvm_dev_get_mccap(multi) & NVM_MCCAP_MULTIPLE_RESETS);
	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr chunk = h_addr(0, 1, (unsigned)m, 0);
		uint16_t status = 0xFFFF;

		CHECK_EQ(h_erase(strict, chunk, h_modes[m], &status), -1);
		CHECK_EQ(status, NVM_STATUS_INVALID_RESET);
		CHECK_EQ(h_descr(strict, chunk).cs, NVM_CHUNK_STATE_FREE);
		CHECK_EQ(h_descr(strict, chunk).wli, 0);

		CHECK_EQ(h_erase(multi, chunk, h_modes[m], &status), 0);
		CHECK_EQ(status, 0);
		CHECK_EQ(h_erase(multi, chunk, h_modes[m], &status), 0);
		CHECK_EQ(h_descr(multi, chunk).cs, NVM_CHUNK_STATE_FREE);
		CHECK_EQ(h_descr(multi, chunk).wp, 0);
	}
	nvm_dev_close(strict);
	nvm_dev_close(multi);
	return H_EXIT_PASS;
}
