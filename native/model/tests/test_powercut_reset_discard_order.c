/* A reset discards a chunk's bytes only once its FREE slot is stable. On a durable image, a cut
 * during a reset's fdatasync that keeps every write and punch of the data and OOB regions but
 * drops the chunk table's leaves the chunk CLOSED with all its bytes; had the discard come
 * before the sync, the punched holes would have survived the cut and the bytes would be gone. */
#include "powercut_during_sync.h"

#define GEOMETRY                                                                                   \
	"--npugrp 1 --npunit 2 --nchunk 4 --nsectr 16 --nbytes 4096 --nbytes-oob 16 --ws-min 4 "   \
	"--ws-opt 4 --mw-cunits 0 --durable"
#define NBYTES 4096

static int issue_reset(struct nvm_dev *dev, struct nvm_ret *ret)
{
	struct nvm_addr chunk = h_addr(0, 1, 2, 0);

	return nvm_cmd_erase(dev, &chunk, 1, NULL, NVM_CMD_ASYNC | NVM_CMD_VECTOR, ret);
}

int main(void)
{
	char *path = h_image(GEOMETRY);
	const struct lnm_sb sb = h_sb(path);
	const struct nvm_addr chunk = h_addr(0, 1, 2, 0);
	static char buf[4 * NBYTES], want[4 * NBYTES];
	struct nvm_dev *dev = nvm_dev_open(path);

	CHECK(dev);
	h_fill_chunk(dev, chunk, 5);
	nvm_dev_close(dev);

	h_cut_during_sync(path, issue_reset, sb.data_off, sb.image_nbytes - sb.data_off);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_CLOSED);
	CHECK_EQ(h_descr(dev, chunk).wp, 16);
	for (unsigned s = 0; s < 16; s += 4) { /* h_fill_chunk seeds each ws_opt run seed + s */
		h_fill(want, sizeof(want), 5 + s);
		CHECK_EQ(h_read(dev, h_addr(0, 1, 2, s), 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
		CHECK(!memcmp(buf, want, sizeof(want)));
	}
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
