/* A write at the write pointer succeeds: FREE -> OPEN on the first write at sector 0, the write
 * pointer advances, and OPEN -> CLOSED when it reaches the chunk's end (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 16 * 4096, NULL);

	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr chunk = h_addr(1, 0, (unsigned)m, 0);
		struct nvm_spec_rprt_descr d = h_descr(dev, chunk);
		uint16_t status = 0xFFFF;

		CHECK_EQ(d.cs, NVM_CHUNK_STATE_FREE);
		CHECK_EQ(d.wp, 0);
		CHECK_EQ(h_write(dev, chunk, 4, buf, NULL, h_modes[m], &status), 0);
		CHECK_EQ(status, 0);
		d = h_descr(dev, chunk);
		CHECK_EQ(d.cs, NVM_CHUNK_STATE_OPEN);
		CHECK_EQ(d.wp, 4);
		for (unsigned s = 4; s < 64; s += 12) {
			int n = s + 12 <= 64 ? 12 : (int)(64 - s);

			CHECK_EQ(h_write(dev, h_addr(1, 0, (unsigned)m, s), n, buf, NULL,
					 h_modes[m], &status),
				 0);
			CHECK_EQ(status, 0);
			d = h_descr(dev, chunk);
			CHECK_EQ(d.wp, s + (unsigned)n);
			CHECK_EQ(d.cs, s + n == 64 ? NVM_CHUNK_STATE_CLOSED : NVM_CHUNK_STATE_OPEN);
		}
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
