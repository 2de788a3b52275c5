/* A torn chunk-table update (the newest slot's bytes corrupted in the file, in its record or in
 * its cover) leaves the previous valid slot: reopening yields the chunk's previous state, and the
 * chunk keeps working. */
#include <fcntl.h>
#include <stddef.h>

#include "harness.h"
#include "image_format.h"

#define IDX 11 /* global chunk index of h_addr(0, 1, 3, 0): (0 * 2 + 1) * 8 + 3 */

static off_t slot_off(int slot)
{
	return LNM_SB_NBYTES + ((off_t)IDX * LNM_CHUNK_NSLOTS + slot) * LNM_CHUNK_SLOT_NBYTES;
}

/* Damage the newest of the chunk's slots (which says wp 8; the other says 4) with damage. */
static void damage_newest(const char *path, void (*damage)(struct lnm_chunk_slot *s))
{
	struct lnm_chunk_slot slots[2];
	int fd = open(path, O_RDWR), newest;

	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, slots, sizeof(slots), slot_off(0)), sizeof(slots)); /* slots A, B */
	newest = slots[1].rec.gen > slots[0].rec.gen;
	CHECK_EQ(slots[newest].rec.wp, 8);
	CHECK_EQ(slots[!newest].rec.wp, 4);
	damage(&slots[newest]);
	CHECK_EQ(pwrite(fd, &slots[newest], sizeof(slots[0]), slot_off(newest)), sizeof(slots[0]));
	close(fd);
}

static void torn_record(struct lnm_chunk_slot *s)
{
	s->rec.wp = 60; /* new bytes, stale crc */
}

static void zeroed_tail(struct lnm_chunk_slot *s)
{
	memset((char *)s + 16, 0, sizeof(*s) - 16); /* half the record, the whole cover */
}

static void stale_cover(struct lnm_chunk_slot *s)
{
	s->cover.gen -= 1; /* the cover of an older generation: its record alone was written */
	s->cover.crc = h_crc32(&s->cover, offsetof(struct lnm_chunk_cover, crc));
}

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path);
	char *buf = nvm_buf_alloc(dev, 4 * 4096, NULL);
	const struct nvm_addr chunk = h_addr(0, 1, 3, 0);
	void (*const damages[])(struct lnm_chunk_slot *) = { torn_record, zeroed_tail,
							     stale_cover };

	CHECK(dev);
	CHECK_EQ(h_write(dev, chunk, 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	for (size_t i = 0; i < sizeof(damages) / sizeof(damages[0]); ++i) {
		CHECK_EQ(h_write(dev, h_addr(0, 1, 3, 4), 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
		nvm_dev_close(dev);
		damage_newest(path, damages[i]);
		dev = nvm_dev_open(path);
		CHECK(dev);
		CHECK_EQ(h_descr(dev, chunk).wp, 4);
		CHECK_EQ(h_descr(dev, chunk).cs, NVM_CHUNK_STATE_OPEN);
	}
	nvm_dev_close(dev);
	nvm_buf_free(NULL, buf);
	return H_EXIT_PASS;
}
