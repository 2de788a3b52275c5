/* nvm_bbt_set writes a whole (copied, edited) table back through the chunk states;
 * nvm_cmd_gbbt_arbs finds chunks in a given bad-block state, ENOSPC when there are too few. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_bbt *cp = nvm_bbt_alloc_cp(nvm_bbt_get(dev, h_addr(1, 0, 0, 0), NULL));
	struct nvm_addr found[3];
	const char *out;

	CHECK(cp);
	cp->blks[1] = NVM_BBT_HMRK;
	cp->blks[5] = NVM_BBT_DMRK;
	CHECK_EQ(nvm_bbt_set(dev, cp, NULL), 0);
	CHECK_EQ(h_descr(dev, h_addr(1, 0, 1, 0)).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_descr(dev, h_addr(1, 0, 5, 0)).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_descr(dev, h_addr(1, 0, 2, 0)).cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(nvm_bbt_get(dev, h_addr(1, 0, 0, 0), NULL)->nhmrk, 1);

	CHECK_EQ(nvm_cmd_gbbt_arbs(dev, NVM_BBT_DMRK, 1, found), 0);
	CHECK_EQ(found[0].val, h_addr(1, 0, 5, 0).val);
	errno = 0;
	CHECK_EQ(nvm_cmd_gbbt_arbs(dev, NVM_BBT_HMRK, 2, found), -1);
	CHECK_EQ(errno, ENOSPC);

	cp->nblks = 3;
	errno = 0;
	CHECK_EQ(nvm_bbt_set(dev, cp, NULL), -1);
	CHECK_EQ(errno, EINVAL);
	cp->nblks = 8;
	h_capture_begin();
	nvm_bbt_pr(cp);
	out = h_capture_end();
	CHECK(strstr(out, "nblks: 8\n"));
	CHECK(strstr(out, "- { chunk: 0001, state: 'HMRK' }"));
	nvm_bbt_free(cp);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
