/* lnvm-mkimage --durable sets the superblock's durable flag (version 3 superblock, flags 0x1);
 * without it the flags are 0. The library opens both, and rejects a superblock with an unknown
 * flag even when its CRC matches. */
#include <fcntl.h>
#include <stddef.h>

#include "harness.h"
#include "image_sb.h"

int main(void)
{
	char *durable = h_image(H_SMALL " --durable");
	char *plain = h_image(H_SMALL);
	struct lnm_sb sb = h_sb(durable);
	struct nvm_dev *dev;
	int fd;

	CHECK_EQ(sb.version, 3);
	CHECK_EQ(sb.flags, LNM_SB_FLAG_DURABLE);
	CHECK_EQ(h_sb(plain).flags, 0);

	dev = nvm_dev_open(durable);
	CHECK(dev);
	nvm_dev_close(dev);
	dev = nvm_dev_open(plain);
	CHECK(dev);
	nvm_dev_close(dev);

	sb.flags = 0x80;
	sb.crc = h_crc32(&sb, offsetof(struct lnm_sb, crc));
	fd = open(durable, O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(pwrite(fd, &sb, sizeof(sb), 0), sizeof(sb));
	close(fd);
	errno = 0;
	CHECK(nvm_dev_open(durable) == NULL);
	CHECK_EQ(errno, EINVAL);
	return H_EXIT_PASS;
}
