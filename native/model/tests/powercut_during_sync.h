/*
 * powercut_during_sync.h: the ordering tests' cut. One async command runs on a durable image
 * while the simulator holds fdatasync, so its epoch is caught with everything it wrote (data,
 * table slot, punches) in the file and none of it stable; the cut then keeps exactly what lies
 * in one file range and drops the rest, the worst case for a given ordering rule.
 */
#ifndef LNM_TEST_POWERCUT_DURING_SYNC_H
#define LNM_TEST_POWERCUT_DURING_SYNC_H

#include "harness.h"
#include "image_sb.h"
#include "powercut_sim.h"

/* Open path, issue one async command with issue(dev, ret) while syncs are held, wait until its
 * epoch's fdatasync is blocked, then cut power keeping only the operations inside
 * [keep_off, keep_off + keep_nbytes); the process's device is closed and power restored. */
static inline struct lnm_powercut_stats h_cut_during_sync(const char *path,
							  int (*issue)(struct nvm_dev *dev,
								       struct nvm_ret *ret),
							  uint64_t keep_off, uint64_t keep_nbytes)
{
	struct nvm_dev *dev = nvm_dev_open(path);
	struct nvm_async_ctx *ctx;
	struct nvm_ret ret = { 0 };
	struct lnm_powercut_stats st;

	CHECK(dev);
	ctx = nvm_async_init(dev, 1, 0);
	CHECK(ctx);
	ret.async.ctx = ctx;
	ret.async.cb = h_count_cb;
	h_ncalls = 0;
	lnm_powercut_sim_hold_syncs(1);
	CHECK_EQ(issue(dev, &ret), 0);
	lnm_powercut_sim_wait_held(1);
	CHECK_EQ(nvm_async_poke(dev, ctx, 0), 0);
	CHECK_EQ(h_ncalls, 0); /* not acknowledged */
	st = lnm_powercut_sim_cut_keeping(keep_off, keep_nbytes);
	lnm_powercut_sim_hold_syncs(0);
	CHECK(nvm_async_wait(dev, ctx) >= 0); /* the dead process's command fails */
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_dev_close(dev);
	lnm_powercut_sim_power_on();
	return st;
}

#endif /* LNM_TEST_POWERCUT_DURING_SYNC_H */
