/* A reset with meta fills one chunk descriptor per address with the chunk's state after the
 * command: FREE with write pointer 0 for a reset chunk, unchanged for one that failed. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 1/1/1");
	struct nvm_addr chunks[2] = { h_addr(0, 1, 3, 0), h_addr(1, 1, 1, 0) };
	struct nvm_spec_rprt_descr descrs[2];
	struct nvm_ret ret;

	h_fill_chunk(dev, chunks[0], 3);
	memset(descrs, 0xEE, sizeof(descrs));
	CHECK_EQ(nvm_cmd_erase(dev, chunks, 2, descrs, NVM_CMD_VECTOR, &ret), -1);
	CHECK_EQ(ret.status, NVM_STATUS_OFFLINE_CHUNK);
	CHECK_EQ(descrs[0].cs, NVM_CHUNK_STATE_FREE);
	CHECK_EQ(descrs[0].wp, 0);
	CHECK_EQ(descrs[0].wli, 1);
	CHECK_EQ(descrs[0].naddrs, 64);
	CHECK_EQ(descrs[0].addr, nvm_addr_gen2dev(dev, chunks[0]));
	CHECK_EQ(descrs[1].cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(descrs[1].addr, nvm_addr_gen2dev(dev, chunks[1]));
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
