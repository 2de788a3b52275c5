/* A table slot that reaches the disk without the data it vouches for does not count. On a
 * durable, preallocated image, a cut during a write's fdatasync that keeps only the chunk
 * table's writes (the new slot lands, the data does not) leaves the chunk in its previous stable
 * state: write pointer 4 with the first write's bytes, not 8 over sectors that never landed. The
 * same after a reset, when the preallocated blocks still hold the chunk's old bytes: the chunk
 * stays FREE. */
#include "powercut_during_sync.h"

#define GEOMETRY                                                                                   \
	"--npugrp 1 --npunit 2 --nchunk 4 --nsectr 16 --nbytes 4096 --nbytes-oob 16 --ws-min 4 "   \
	"--ws-opt 4 --mw-cunits 0 --durable --preallocate"
#define NBYTES 4096

static char data[4 * NBYTES];
static unsigned write_sectr;

static int issue_write(struct nvm_dev *dev, struct nvm_ret *ret)
{
	struct nvm_addr addrs[4];

	h_fill(data, sizeof(data), 99);
	return nvm_cmd_write(dev, h_addrs(addrs, h_addr(0, 0, 1, write_sectr), 4), 4, data, NULL,
			     NVM_CMD_ASYNC | NVM_CMD_VECTOR, ret);
}

int main(void)
{
	char *path = h_image(GEOMETRY);
	const struct lnm_sb sb = h_sb(path);
	const struct nvm_addr chunk = h_addr(0, 0, 1, 0); /* global chunk index 1 */
	static char buf[4 * NBYTES], want[4 * NBYTES];
	struct lnm_powercut_stats st;
	struct nvm_dev *dev = nvm_dev_open(path);
	int fd;

	CHECK(dev);
	h_fill(want, sizeof(want), 1);
	CHECK_EQ(h_write(dev, chunk, 4, want, NULL, NVM_CMD_VECTOR, NULL), 0);
	nvm_dev_close(dev);

	write_sectr = 4;
	st = h_cut_during_sync(path, issue_write, sb.table_off, sb.table_nbytes);
	CHECK(st.nkept >= 1 && st.ndropped >= 1); /* the slot kept, the data dropped */
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).wp, 4);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OPEN);
	CHECK_EQ(h_read(dev, chunk, 4, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK(!memcmp(buf, want, sizeof(want)));

	/* after a reset the preallocated blocks keep the old bytes below the new write pointer */
	for (unsigned s = 4; s < 16; s += 4)
		CHECK_EQ(h_write(dev, h_addr(0, 0, 1, s), 4, want, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_erase(dev, chunk, NVM_CMD_VECTOR, NULL), 0);
	nvm_dev_close(dev);
	write_sectr = 0;
	st = h_cut_during_sync(path, issue_write, sb.table_off, sb.table_nbytes);
	CHECK(st.nkept >= 1 && st.ndropped >= 1);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), (off_t)(sb.data_off + 16 * NBYTES)), sizeof(buf));
	close(fd);
	CHECK(!h_is_zero(buf, sizeof(buf))); /* the old life's bytes, which no cover vouches for */
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).wp, 0);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_FREE);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
