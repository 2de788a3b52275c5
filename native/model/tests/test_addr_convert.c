/* gen2dev packs sectr, chunk, punit, pugrp into ceil(log2) bit fields from the lowest bit up, and
 * dev2gen inverts it for every address of the geometry (also non-power-of-two dimensions). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL); /* 2 x 2 x 8 x 64: 1 + 1 + 3 + 6 bits */
	struct nvm_dev *odd = h_open("--npugrp 3 --npunit 5 --nchunk 7 --nsectr 96 --ws-min 4 "
				     "--ws-opt 4 --mw-cunits 4 --nbytes 512");

	CHECK_EQ(nvm_addr_gen2dev(dev, h_addr(0, 0, 0, 1)), 1);
	CHECK_EQ(nvm_addr_gen2dev(dev, h_addr(0, 0, 1, 0)), 1 << 6);
	CHECK_EQ(nvm_addr_gen2dev(dev, h_addr(0, 1, 0, 0)), 1 << 9);
	CHECK_EQ(nvm_addr_gen2dev(dev, h_addr(1, 0, 0, 0)), 1 << 10);
	CHECK_EQ(nvm_addr_gen2dev(dev, h_addr(1, 1, 7, 63)), (1 << 11) - 1);
	/* 96 sectors: 7 bits; 7 chunks: 3; 5 units: 3; 3 groups: 2 */
	CHECK_EQ(nvm_addr_gen2dev(odd, h_addr(2, 4, 6, 95)),
		 95ULL | 6ULL << 7 | 4ULL << 10 | 2ULL << 13);
	for (unsigned g = 0; g < 3; ++g)
		for (unsigned p = 0; p < 5; ++p)
			for (unsigned c = 0; c < 7; ++c)
				for (unsigned s = 0; s < 96; s += 5) {
					struct nvm_addr a = h_addr(g, p, c, s);
					uint64_t lba = nvm_addr_gen2dev(odd, a);

					CHECK_EQ(nvm_addr_dev2gen(odd, lba).val, a.val);
				}
	nvm_dev_close(odd);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
