/* In an OPEN chunk the last mw_cunits sectors below the write pointer read as unwritten (zeros,
 * or 0x287 with DULBE) until more data is written after them (vector and scalar). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL); /* ws_min 4, mw_cunits 8 */
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);

	h_fill(wbuf, 64 * 4096, 3);
	for (int m = 0; m < H_NMODES; ++m) {
		for (int dulbe = 0; dulbe < 2; ++dulbe) {
			struct nvm_addr chunk = h_addr(1, 0, (unsigned)(m * 2 + dulbe), 0);
			uint16_t status;

			h_set_dulbe(dev, dulbe);
			/* write mw_cunits sectors: none readable yet */
			CHECK_EQ(h_write(dev, chunk, 8, wbuf, NULL, h_modes[m], NULL), 0);
			memset(rbuf, 0x5A, 8 * 4096);
			if (dulbe) {
				CHECK_EQ(h_read(dev, chunk, 4, rbuf, NULL, h_modes[m], &status),
					 -1);
				CHECK_EQ(status, NVM_STATUS_DULB);
			} else {
				CHECK_EQ(h_read(dev, chunk, 8, rbuf, NULL, h_modes[m], &status), 0);
				CHECK(h_is_zero(rbuf, 8 * 4096));
			}
			/* append ws_min: sectors 0..3 become readable, 4..11 still are not */
			CHECK_EQ(h_write(dev, h_addr(1, 0, chunk.l.chunk, 8), 4, wbuf + 8 * 4096,
					 NULL, h_modes[m], NULL),
				 0);
			CHECK_EQ(h_read(dev, chunk, 4, rbuf, NULL, h_modes[m], &status), 0);
			CHECK(memcmp(rbuf, wbuf, 4 * 4096) == 0);
			if (dulbe) {
				CHECK_EQ(h_read(dev, h_addr(1, 0, chunk.l.chunk, 4), 4, rbuf, NULL,
						h_modes[m], &status),
					 -1);
				CHECK_EQ(status, NVM_STATUS_DULB);
			} else {
				memset(rbuf, 0x5A, 8 * 4096);
				CHECK_EQ(h_read(dev, h_addr(1, 0, chunk.l.chunk, 4), 8, rbuf, NULL,
						h_modes[m], &status),
					 0);
				CHECK(h_is_zero(rbuf, 8 * 4096));
			}
		}
	}
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
