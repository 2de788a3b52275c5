/* An image with a version 1 superblock (no flags word: its CRC sits where version 2 keeps the
 * flags, followed by zeros) still opens with its geometry; a write's chunk state persists across
 * a reopen, the superblock on disk is left as it was, and a version 1 superblock with a wrong
 * CRC is rejected. */
#include <fcntl.h>
#include <stddef.h>

#include "harness.h"
#include "image_format.h"
#include "image_v2.h"

int main(void)
{
	char *path = h_image_v2(H_SMALL); /* version 1 has version 2's table */
	struct lnm_sb sb, after;
	char *buf = malloc(4 * 4096);
	struct nvm_dev *dev;
	int fd = open(path, O_RDWR);

	CHECK(fd >= 0 && buf);
	CHECK_EQ(pread(fd, &sb, sizeof(sb), 0), sizeof(sb));
	sb.version = 1;
	sb.flags = h_crc32(&sb, offsetof(struct lnm_sb, flags)); /* version 1's crc field */
	sb.crc = 0;						 /* version 1's reserved word */
	CHECK_EQ(pwrite(fd, &sb, sizeof(sb), 0), sizeof(sb));
	close(fd);

	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(nvm_dev_get_geo(dev)->l.nchunk, 8);
	CHECK_EQ(nvm_dev_get_ws_min(dev), 4);
	h_fill(buf, 4 * 4096, 7);
	CHECK_EQ(h_write(dev, h_addr(1, 1, 2, 0), 4, buf, NULL, NVM_CMD_SCALAR, NULL), 0);
	nvm_dev_close(dev);

	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, h_addr(1, 1, 2, 0)).wp, 4);
	nvm_dev_close(dev);

	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, &after, sizeof(after), 0), sizeof(after));
	close(fd);
	CHECK(!memcmp(&after, &sb, sizeof(sb)));

	/* a version 1 superblock with a wrong crc is as corrupt as any */
	sb.flags ^= 1;
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(pwrite(fd, &sb, sizeof(sb), 0), sizeof(sb));
	close(fd);
	errno = 0;
	CHECK(nvm_dev_open(path) == NULL);
	CHECK_EQ(errno, EINVAL);
	free(buf);
	return H_EXIT_PASS;
}
