/* Durable mode's group commit: no completion is posted while its epoch's fdatasync has not
 * returned, and the 31 writes that finish while one epoch syncs share the next epoch, which
 * closes as soon as the first is posted: 32 writes cost 2 fdatasync calls (each makes one
 * epoch's data and table slots stable: write 0's; the 31's), not 32 or 64. The simulator's sync
 * hold keeps the first sync blocked; synchronous reads on every PU are the fence showing that
 * the workers have handed over every write queued before them. */
#include "harness.h"
#include "powercut_sim.h"

#define NWRITES 32

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --durable"); /* 32 chunks on 4 PUs */
	struct nvm_async_ctx *ctx = nvm_async_init(dev, NWRITES, 0);
	static char data[NWRITES][4 * 4096];
	static struct nvm_ret rets[NWRITES];
	char buf[4096];

	CHECK(ctx);
	lnm_powercut_sim_hold_syncs(1);
	h_ncalls = 0;
	for (int i = 0; i < NWRITES; ++i) {
		struct nvm_addr addrs[4];

		h_fill(data[i], sizeof(data[i]), (uint64_t)i);
		memset(&rets[i], 0, sizeof(rets[i]));
		rets[i].async.ctx = ctx;
		rets[i].async.cb = h_count_cb;
		CHECK_EQ(nvm_cmd_write(dev, h_addrs(addrs, h_addr(i / 16, i / 8 % 2, i % 8, 0), 4),
				       4, data[i], NULL, NVM_CMD_ASYNC | NVM_CMD_VECTOR, &rets[i]),
			 0);
		if (i == 0)
			lnm_powercut_sim_wait_held(1); /* the first epoch (write 0) is syncing */
	}
	for (unsigned g = 0; g < 2; ++g) {
		for (unsigned p = 0; p < 2; ++p)
			CHECK_EQ(
				h_read(dev, h_addr(g, p, 7, 0), 1, buf, NULL, NVM_CMD_VECTOR, NULL),
				0);
	}
	CHECK_EQ(nvm_async_poke(dev, ctx, 0), 0); /* nothing is acknowledged before its sync */
	CHECK_EQ(h_ncalls, 0);
	CHECK_EQ(lnm_powercut_sim_nsyncs(), 0);

	lnm_powercut_sim_hold_syncs(0);
	CHECK_EQ(nvm_async_wait(dev, ctx), NWRITES);
	CHECK_EQ(h_ncalls, NWRITES);
	for (int i = 0; i < NWRITES; ++i)
		CHECK_EQ(rets[i].status, 0);
	CHECK_EQ(lnm_powercut_sim_nsyncs(), 2);

	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
