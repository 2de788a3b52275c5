/* lnvm-mkimage --preallocate writes the data and OOB regions at creation: the image's blocks are
 * all allocated (it takes its whole size on disk), its superblock has the preallocated flag, and
 * a reset keeps the chunk's blocks (no hole is punched, so the next write needs no allocation)
 * while reads of the reset chunk still return zeros, data and metadata. */
#include <sys/stat.h>

#include "harness.h"
#include "image_sb.h"

static uint64_t allocated_nbytes(const char *path)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	return (uint64_t)st.st_blocks * 512;
}

int main(void)
{
	char *path = h_image(H_SMALL " --preallocate");
	const struct lnm_sb sb = h_sb(path);
	struct stat st;
	uint64_t before;
	struct nvm_dev *dev;
	static char data[16 * 4096], meta[16 * 16];
	const struct nvm_addr chunk = h_addr(1, 0, 3, 0);

	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(sb.flags, LNM_SB_FLAG_PREALLOCATED);
	before = allocated_nbytes(path);
	CHECK(before >= (uint64_t)st.st_size - LNM_SB_NBYTES - sb.table_nbytes);

	dev = nvm_dev_open(path);
	CHECK(dev);
	h_fill(data, sizeof(data), 3);
	h_fill(meta, sizeof(meta), 4);
	for (unsigned s = 0; s < 64; s += 16) /* the whole chunk: CLOSED, so it can be reset */
		CHECK_EQ(h_write(dev, h_addr(1, 0, 3, s), 16, data, meta, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(h_erase(dev, chunk, NVM_CMD_VECTOR, NULL), 0);
	CHECK_EQ(allocated_nbytes(path), before); /* nothing punched */
	memset(data, 0x5A, sizeof(data));
	memset(meta, 0x5A, sizeof(meta));
	CHECK_EQ(h_read(dev, chunk, 16, data, meta, NVM_CMD_VECTOR, NULL), 0);
	CHECK(h_is_zero(data, sizeof(data)));
	CHECK(h_is_zero(meta, sizeof(meta)));
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
