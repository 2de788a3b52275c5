/* A vector write may stripe across chunks of several PUs; data lands in address order. When one
 * chunk run is invalid, that run is not applied, the others are, and the status is that of the
 * lowest failing address index (result.vio.cs marks the indices not carried out). */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --mw-cunits 0"); /* OPEN chunks fully readable */
	char *wbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(dev, 64 * 4096, NULL);
	struct nvm_addr addrs[64];
	struct nvm_ret ret;
	int n = 0;

	/* 4 sectors per PU in turn, 2 rounds: 4 PUs x 8 sectors, interleaved */
	for (unsigned round = 0; round < 2; ++round)
		for (unsigned pu = 0; pu < 4; ++pu)
			for (unsigned s = 0; s < 4; ++s)
				addrs[n++] = h_addr(pu / 2, pu % 2, 1, round * 4 + s);
	h_fill(wbuf, 64 * 4096, 31);
	CHECK_EQ(nvm_cmd_write(dev, addrs, n, wbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	for (unsigned pu = 0; pu < 4; ++pu)
		CHECK_EQ(h_descr(dev, h_addr(pu / 2, pu % 2, 1, 0)).wp, 8);
	memset(rbuf, 0, 64 * 4096);
	CHECK_EQ(nvm_cmd_read(dev, addrs, n, rbuf, NULL, NVM_CMD_VECTOR, NULL), 0);
	CHECK(memcmp(rbuf, wbuf, (size_t)n * 4096) == 0);

	/* next: PU0 and PU1 runs valid, PU2 run out of order (index 8..11), PU3 run to a FREE chunk
	 * at sector 4 (index 12..15, out of order as well) */
	n = 0;
	for (unsigned pu = 0; pu < 4; ++pu)
		for (unsigned s = 0; s < 4; ++s)
			addrs[n++] = h_addr(pu / 2, pu % 2, pu < 3 ? 1 : 2,
					    (pu == 2 ? 12 : 8) + s - (pu == 3 ? 4 : 0));
	memset(&ret, 0, sizeof(ret));
	CHECK_EQ(nvm_cmd_write(dev, addrs, n, wbuf, NULL, NVM_CMD_VECTOR, &ret), -1);
	CHECK_EQ(ret.status, NVM_STATUS_OUT_OF_ORDER_WRITE);
	CHECK_EQ(ret.result.vio.cs, 0xFF00ULL);
	CHECK_EQ(h_descr(dev, h_addr(0, 0, 1, 0)).wp, 12);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 1, 0)).wp, 12);
	CHECK_EQ(h_descr(dev, h_addr(1, 0, 1, 0)).wp, 8);
	CHECK_EQ(h_descr(dev, h_addr(1, 1, 2, 0)).wp, 0);

	/* the lowest failing index decides the status: indices 0..3 target a chunk outside the
	 * geometry (0x280), indices 4..7 are out of order (0x2F2) */
	addrs[0] = h_addr(0, 0, 9, 0);
	addrs[1] = h_addr(0, 0, 9, 1);
	addrs[2] = h_addr(0, 0, 9, 2);
	addrs[3] = h_addr(0, 0, 9, 3);
	CHECK_EQ(nvm_cmd_write(dev, addrs, 8, wbuf, NULL, NVM_CMD_VECTOR, &ret), -1);
	CHECK_EQ(ret.status, NVM_STATUS_WRITE_FAULT);
	nvm_buf_free(dev, rbuf);
	nvm_buf_free(dev, wbuf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
