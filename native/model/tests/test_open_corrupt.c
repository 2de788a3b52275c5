/* Opening a corrupt image (bad magic, bad superblock CRC, truncated, not an image, a directory,
 * a chunk with no valid table slot) fails cleanly with NULL and EINVAL. */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"
#include "image_format.h"

static void poke_byte(const char *path, off_t off, uint8_t xor_mask)
{
	int fd = open(path, O_RDWR);
	uint8_t b;

	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, &b, 1, off), 1);
	b ^= xor_mask;
	CHECK_EQ(pwrite(fd, &b, 1, off), 1);
	close(fd);
}

static void expect_einval(const char *path)
{
	errno = 0;
	CHECK(nvm_dev_open(path) == NULL);
	CHECK_EQ(errno, EINVAL);
}

int main(void)
{
	char *path;
	struct stat st;
	int fd;

	path = h_image(H_SMALL); /* magic */
	poke_byte(path, 0, 0xFF);
	expect_einval(path);

	path = h_image(H_SMALL); /* a geometry byte: the superblock CRC no longer matches */
	poke_byte(path, offsetof(struct lnm_sb, nchunk), 0x01);
	expect_einval(path);

	path = h_image(H_SMALL); /* truncated */
	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(truncate(path, st.st_size - 4096), 0);
	expect_einval(path);

	path = h_image(H_SMALL); /* both table slots of chunk 0 invalid */
	poke_byte(path, LNM_SB_NBYTES + 0, 0xFF);
	poke_byte(path, LNM_SB_NBYTES + LNM_CHUNK_SLOT_NBYTES, 0xFF);
	expect_einval(path);

	path = h_path("empty"); /* empty file */
	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	close(fd);
	expect_einval(path);

	path = h_path("text"); /* not an image */
	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello, world\n", 13), 13);
	CHECK_EQ(ftruncate(fd, 1 << 20), 0);
	close(fd);
	expect_einval(path);

	expect_einval(h_tmpdir()); /* a directory */
	return H_EXIT_PASS;
}
