/* A write at WP+ws_min or WP-ws_min fails with 0x2F2 and leaves the write pointer and state
 * unchanged; a synchronous call returns -1 with EIO (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);

	for (int m = 0; m < H_NMODES; ++m) {
		struct nvm_addr chunk = h_addr(0, 1, 3, 0);
		uint16_t status;

		chunk.l.chunk += (unsigned)m;
		CHECK_EQ(h_write(dev, chunk, 4, buf, NULL, h_modes[m], NULL), 0);
		CHECK_EQ(h_write(dev, h_addr(0, 1, chunk.l.chunk, 4), 4, buf, NULL, h_modes[m],
				 NULL),
			 0);
		/* wp = 8: try 12 (wp + ws_min) and 4 (wp - ws_min) */
		const unsigned bad[] = { 12, 4, 0, 9 };
		for (int b = 0; b < 4; ++b) {
			status = 0;
			errno = 0;
			CHECK_EQ(h_write(dev, h_addr(0, 1, chunk.l.chunk, bad[b]), 4, buf, NULL,
					 h_modes[m], &status),
				 -1);
			CHECK_EQ(errno, EIO);
			CHECK_EQ(status, NVM_STATUS_OUT_OF_ORDER_WRITE);
			CHECK_EQ(h_descr(dev, chunk).wp, 8);
			CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OPEN);
		}
		/* a FREE chunk's write pointer is 0: a first write at sector 4 is out of order */
		CHECK_EQ(h_write(dev, h_addr(1, 1, (unsigned)m, 4), 4, buf, NULL, h_modes[m],
				 &status),
			 -1);
		CHECK_EQ(status, NVM_STATUS_OUT_OF_ORDER_WRITE);
		CHECK_EQ(h_descr(dev, h_addr(1, 1, (unsigned)m, 0)).cs, NVM_CHUNK_STATE_FREE);
	}
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
