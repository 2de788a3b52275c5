/* nvm_buf_virt_alloc honours the alignment and refuses 0 bytes; nvm_buf_realloc keeps the old
 * contents and zeroes the new tail; nvm_buf_vtophys gives the buffer's address. */
#include <stdint.h>

#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	char *virt = nvm_buf_virt_alloc(512, 1000);
	char *buf = nvm_buf_alloc(dev, 100, NULL);
	uint64_t phys = 0;

	CHECK(virt);
	CHECK_EQ((uintptr_t)virt % 512, 0);
	nvm_buf_virt_free(virt);
	errno = 0;
	CHECK(nvm_buf_virt_alloc(512, 0) == NULL);
	CHECK_EQ(errno, EINVAL);

	CHECK(buf);
	memset(buf, 'q', 100);
	buf = nvm_buf_realloc(dev, buf, 10000, &phys);
	CHECK(buf);
	CHECK_EQ((uintptr_t)buf % 4096, 0);
	CHECK_EQ(phys, (uintptr_t)buf);
	CHECK_EQ(buf[99], 'q');
	CHECK(h_is_zero(buf + 4096, 10000 - 4096));
	phys = 0;
	CHECK_EQ(nvm_buf_vtophys(dev, buf, &phys), 0);
	CHECK_EQ(phys, (uintptr_t)buf);
	errno = 0;
	CHECK_EQ(nvm_buf_vtophys(dev, buf, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
