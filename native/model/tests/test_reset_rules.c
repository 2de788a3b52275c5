/* Reset: CLOSED -> FREE with write pointer 0 and a grown wear index; OPEN -> 0x2C1; OFFLINE ->
 * 0x2C0; a chunk outside the geometry -> 0x2C1 (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 0/0/7");
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);

	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr closed = h_addr(1, 1, (unsigned)m, 0);
		struct nvm_addr open = h_addr(1, 0, (unsigned)m, 0);
		struct nvm_spec_rprt_descr d;
		uint16_t status = 0xFFFF;

		h_fill_chunk(dev, closed, 5);
		d = h_descr(dev, closed);
		CHECK_EQ(d.cs, NVM_CHUNK_STATE_CLOSED);
		CHECK_EQ(d.wli, 0);
		closed.l.sectr = 17; /* the sector field is ignored */
		CHECK_EQ(h_erase(dev, closed, h_modes[m], &status), 0);
		CHECK_EQ(status, 0);
		d = h_descr(dev, closed);
		CHECK_EQ(d.cs, NVM_CHUNK_STATE_FREE);
		CHECK_EQ(d.wp, 0);
		CHECK_EQ(d.wli, 1);

		CHECK_EQ(h_write(dev, open, 4, buf, NULL, h_modes[m], NULL), 0);
		errno = 0;
		CHECK_EQ(h_erase(dev, open, h_modes[m], &status), -1);
		CHECK_EQ(errno, EIO);
		CHECK_EQ(status, NVM_STATUS_INVALID_RESET);
		CHECK_EQ(h_descr(dev, open).cs, NVM_CHUNK_STATE_OPEN);
		CHECK_EQ(h_descr(dev, open).wp, 4);

		CHECK_EQ(h_erase(dev, h_addr(0, 0, 7, 0), h_modes[m], &status), -1);
		CHECK_EQ(status, NVM_STATUS_OFFLINE_CHUNK);
		CHECK_EQ(h_descr(dev, h_addr(0, 0, 7, 0)).cs, NVM_CHUNK_STATE_OFFLINE);

		const struct nvm_addr oor[] = { h_addr(0, 0, 8, 0), h_addr(0, 2, 0, 0),
						h_addr(2, 0, 0, 0) };
		for (int o = 0; o < 3; ++o) {
			CHECK_EQ(h_erase(dev, oor[o], h_modes[m], &status), -1);
			CHECK_EQ(status, NVM_STATUS_INVALID_RESET);
		}
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
