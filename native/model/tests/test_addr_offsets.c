/* Log-page offsets (gen2lpo: linear chunk index * 32) and byte offsets (device address shifted by
 * log2(nbytes)) convert both ways; fill_crange lists consecutive sectors. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL); /* 2 x 2 x 8 chunks of 64 sectors of 4096 bytes */
	struct nvm_addr a = h_addr(1, 0, 3, 17), crange[5];

	CHECK_EQ(nvm_addr_gen2lpo(dev, h_addr(0, 0, 0, 0)), 0);
	CHECK_EQ(nvm_addr_gen2lpo(dev, a), ((1 * 2 + 0) * 8 + 3) * 32);
	CHECK_EQ(nvm_addr_lpo2gen(dev, nvm_addr_gen2lpo(dev, a)).val, h_addr(1, 0, 3, 0).val);
	CHECK_EQ(nvm_addr_lpo2gen(dev, (2 * 8 + 7) * 32).val, h_addr(1, 0, 7, 0).val);

	CHECK_EQ(nvm_addr_dev2off(dev, 3), 3 * 4096);
	CHECK_EQ(nvm_addr_off2dev(dev, 3 * 4096 + 100), 3);
	CHECK_EQ(nvm_addr_gen2off(dev, a), nvm_addr_gen2dev(dev, a) * 4096);
	CHECK_EQ(nvm_addr_off2gen(dev, nvm_addr_gen2off(dev, a)).val, a.val);

	nvm_addr_fill_crange(crange, a, 5);
	for (unsigned i = 0; i < 5; ++i)
		CHECK_EQ(crange[i].val, h_addr(1, 0, 3, 17 + i).val);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
