/* Copy reads src[i] and writes dst[i] under the write rules (vector and scalar); a destination
 * off the write pointer fails with 0x2F2; without the vector-copy capability copy is refused. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --mw-cunits 0"); /* OPEN chunks fully readable */
	struct nvm_dev *nocopy = h_open(H_SMALL " --mccap 0");
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_addr src[16], dst[16];
	struct nvm_ret ret;

	h_fill(wbuf, 64 * 4096, 41);
	h_fill_chunk(dev, h_addr(0, 0, 0, 0), 41);
	CHECK_EQ(h_read(dev, h_addr(0, 0, 0, 0), 64, wbuf, NULL, NVM_CMD_VECTOR, NULL), 0);

	/* vector: gather sectors 40..47 and 0..7 of chunk 0/0/0 into chunk 1/1/3 */
	for (int i = 0; i < 16; ++i) {
		src[i] = h_addr(0, 0, 0, i < 8 ? 40 + (unsigned)i : (unsigned)i - 8);
		dst[i] = h_addr(1, 1, 3, (unsigned)i);
	}
	CHECK_EQ(nvm_cmd_copy(dev, src, dst, 16, NVM_CMD_VECTOR, &ret), 0);
	CHECK_EQ(ret.status, 0);
	CHECK_EQ(h_descr(dev, dst[0]).wp, 16);
	CHECK_EQ(h_read(dev, dst[0], 16, rbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf + 40 * 4096, 8 * 4096) == 0);
	CHECK(memcmp(rbuf + 8 * 4096, wbuf, 8 * 4096) == 0);

	/* scalar: 8 sectors from 0/0/0/16 to 0/1/5/0 */
	src[0] = h_addr(0, 0, 0, 16);
	dst[0] = h_addr(0, 1, 5, 0);
	CHECK_EQ(nvm_cmd_copy(dev, src, dst, 8, NVM_CMD_SCALAR, &ret), 0);
	CHECK_EQ(h_read(dev, dst[0], 8, rbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf + 16 * 4096, 8 * 4096) == 0);

	/* destination not at the write pointer */
	dst[0] = h_addr(0, 1, 5, 12);
	CHECK_EQ(nvm_cmd_copy(dev, src, dst, 4, NVM_CMD_SCALAR, &ret), -1);
	CHECK_EQ(ret.status, NVM_STATUS_OUT_OF_ORDER_WRITE);
	CHECK_EQ(h_descr(dev, dst[0]).wp, 8);

	errno = 0;
	CHECK_EQ(nvm_cmd_copy(nocopy, src, dst, 4, NVM_CMD_VECTOR, &ret), -1);
	CHECK_EQ(errno, ENOTSUP);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(nocopy);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
