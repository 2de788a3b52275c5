/* A PU's bad-block table has one entry per chunk: FREE for every chunk that is not OFFLINE, BAD
 * for a chunk created OFFLINE; the counters match; nvm_cmd_gbbt agrees; a PU outside the geometry
 * fails with EINVAL and status 0x002. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 1/0/3 --offline 1/0/6");
	char *buf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	const struct nvm_bbt *bbt;
	struct nvm_spec_bbt *spec;
	struct nvm_ret ret;

	CHECK_EQ(h_write(dev, h_addr(1, 0, 1, 0), 8, buf, NULL, NVM_CMD_VECTOR, NULL),
		 0); /* OPEN */
	bbt = nvm_bbt_get(dev, h_addr(1, 0, 0, 0), &ret);
	CHECK(bbt);
	CHECK(bbt->dev == dev);
	CHECK_EQ(bbt->addr.val, h_addr(1, 0, 0, 0).val);
	CHECK_EQ(bbt->nblks, 8);
	for (unsigned i = 0; i < 8; ++i)
		CHECK_EQ(bbt->blks[i], i == 3 || i == 6 ? NVM_BBT_BAD : NVM_BBT_FREE);
	CHECK_EQ(bbt->nbad, 2);
	CHECK_EQ(bbt->ngbad + bbt->ndmrk + bbt->nhmrk, 0);

	spec = nvm_cmd_gbbt(dev, h_addr(1, 0, 0, 0), &ret);
	CHECK(spec);
	CHECK_EQ(spec->tblks, 8);
	CHECK_EQ(spec->tfact, 2);
	CHECK(memcmp(spec->blk, bbt->blks, 8) == 0);
	nvm_buf_free(dev, spec);

	bbt = nvm_bbt_get(dev, h_addr(0, 0, 0, 0), NULL);
	CHECK(bbt);
	CHECK_EQ(bbt->nbad, 0);

	errno = 0;
	CHECK(nvm_bbt_get(dev, h_addr(0, 2, 0, 0), &ret) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(ret.status, NVM_STATUS_INVALID_FIELD);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
