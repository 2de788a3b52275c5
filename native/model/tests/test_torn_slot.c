/* A torn chunk-table update (the newest slot's bytes corrupted in the file, in its record or in
 * its cover) leaves the previous valid slot: reopening yields the chunk's previous state, and the
 * chunk keeps working. */
#include <fcntl.h>

#include "harness.h"
#include "image_format.h"

static off_t slot_off(unsigned chunk_idx, int slot)
{
	return LNM_SB_NBYTES + ((off_t)chunk_idx * LNM_CHUNK_NSLOTS + slot) * LNM_CHUNK_SLOT_NBYTES;
}

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	struct nvm_addr chunk = h_addr(0, 1, 3, 0); /* global chunk index (0 * 2 + 1) * 8 + 3 */
	const unsigned idx = 11;
	struct lnm_chunk_slot rec[2];
	int fd, newest;

	CHECK(dev);
	CHECK_EQ(h_write(dev, chunk, 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 3, 4), 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	nvm_dev_close(dev);

	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, rec, sizeof(rec), slot_off(idx, 0)), sizeof(rec)); /* slots A, B */
	newest = rec[1].rec.gen > rec[0].rec.gen;
	CHECK_EQ(rec[newest].rec.wp, 8);
	CHECK_EQ(rec[!newest].rec.wp, 4);
	rec[newest].rec.wp = 60; /* torn: new bytes, stale crc */
	CHECK_EQ(pwrite(fd, &rec[newest], sizeof(rec[0]), slot_off(idx, newest)), sizeof(rec[0]));
	close(fd);

	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).wp, 4);
	CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OPEN);
	CHECK_EQ(h_write(dev, h_addr(0, 1, 3, 4), 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	nvm_dev_close(dev);

	/* a half-written slot (zeroed tail) is as invalid as a corrupt one */
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, rec, sizeof(rec), slot_off(idx, 0)), sizeof(rec));
	newest = rec[1].rec.gen > rec[0].rec.gen;
	CHECK_EQ(rec[newest].rec.wp, 8);
	memset((char *)&rec[newest] + 16, 0, sizeof(rec[0]) - 16); /* record and cover */
	CHECK_EQ(pwrite(fd, &rec[newest], sizeof(rec[0]), slot_off(idx, newest)), sizeof(rec[0]));
	close(fd);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).wp, 4);
	nvm_dev_close(dev);

	/* a slot whose cover was left from an older generation (its record alone written) too */
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, rec, sizeof(rec), slot_off(idx, 0)), sizeof(rec));
	newest = rec[1].rec.gen > rec[0].rec.gen;
	CHECK_EQ(rec[newest].rec.wp, 8);
	rec[newest].cover.gen -= 1;
	rec[newest].cover.crc = h_crc32(&rec[newest].cover, 28);
	CHECK_EQ(pwrite(fd, &rec[newest], sizeof(rec[0]), slot_off(idx, newest)), sizeof(rec[0]));
	close(fd);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, chunk).wp, 4);
	nvm_dev_close(dev);
	nvm_buf_free(NULL, buf);
	return H_EXIT_PASS;
}
