/* Marking a chunk bad takes it OFFLINE (writes then fail with 0x280) and the table shows the
 * mark; marking it FREE brings it back FREE with write pointer 0; marks persist across reopen; a
 * bad state or an address outside the geometry marks nothing (EINVAL). */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr marks[2] = { h_addr(0, 1, 2, 0), h_addr(1, 1, 7, 0) };
	struct nvm_addr bad[2] = { h_addr(0, 1, 4, 0), h_addr(0, 1, 8, 0) };
	const struct nvm_bbt *bbt;
	uint16_t status;

	CHECK_EQ(h_write(dev, h_addr(0, 1, 2, 0), 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(nvm_bbt_mark(dev, marks, 2, NVM_BBT_GBAD, NULL), 0);
	CHECK_EQ(h_descr(dev, marks[0]).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_descr(dev, marks[1]).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_write(dev, h_addr(1, 1, 7, 0), 4, buf, NULL, NVM_CMD_VECTOR, &status), -1);
	CHECK_EQ(status, NVM_STATUS_WRITE_FAULT);
	bbt = nvm_bbt_get(dev, h_addr(0, 1, 0, 0), NULL);
	CHECK_EQ(bbt->blks[2], NVM_BBT_GBAD);
	CHECK_EQ(bbt->ngbad, 1);

	errno = 0;
	CHECK_EQ(nvm_bbt_mark(dev, bad, 2, NVM_BBT_HMRK, NULL), -1); /* chunk 8 is outside */
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(h_descr(dev, bad[0]).cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(nvm_cmd_sbbt(dev, bad, 1, 0x3, NULL), -1); /* not one state */

	nvm_dev_close(dev);
	dev = nvm_dev_open(path);
	CHECK(dev);
	bbt = nvm_bbt_get(dev, h_addr(1, 1, 0, 0), NULL);
	CHECK_EQ(bbt->blks[7], NVM_BBT_GBAD);
	CHECK_EQ(nvm_cmd_sbbt(dev, &marks[0], 1, NVM_BBT_FREE, NULL), 0);
	CHECK_EQ(h_descr(dev, marks[0]).cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(h_descr(dev, marks[0]).wp, 0);
	CHECK_EQ(h_write(dev, marks[0], 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(nvm_bbt_flush_all(dev, NULL), 0);
	CHECK_EQ(nvm_bbt_flush(dev, marks[0], NULL), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
