/*
 * powercut_sim.h: the power-cut simulator of the C tests (built into the library only with
 * -DLNM_POWERCUT_SIM, by the test Makefile rule for tests/test_powercut_*.c).
 *
 * Every write and hole punch of file_io.c reaches the file at once (so reads see it, as with the
 * page cache), and is also logged with the bytes it replaced until an fdatasync of its file
 * completes. A cut puts back what the logged operations replaced, then applies a random subset of
 * them again in their original order, some torn (only a prefix of the bytes lands): the file is
 * left as a power loss could leave it, with everything before each completed fdatasync intact.
 * From the cut until power-on every read, write and sync fails with EIO, so a process that is
 * still running cannot store anything more. fdatasync itself costs nothing here: the simulator
 * only forgets the log.
 *
 * Tests include this header; the lnm_powercut_sim_* functions are exported only by that build.
 */
#ifndef LNM_POWERCUT_SIM_H
#define LNM_POWERCUT_SIM_H

#include <stddef.h>
#include <stdint.h>

/* What a cut did to the operations logged since the files' last fdatasync. */
struct lnm_powercut_stats {
	uint64_t nkept;
	uint64_t ntorn;
	uint64_t ndropped;
};

/* Cut power now (seed picks the subset). Returns what happened to the logged operations. */
struct lnm_powercut_stats lnm_powercut_sim_cut(uint64_t seed);
/* Cut power now, keeping exactly the logged operations that lie inside [off, off + nbytes) of
 * their file and dropping the others (the adversarial cuts of the ordering tests). */
struct lnm_powercut_stats lnm_powercut_sim_cut_keeping(uint64_t off, uint64_t nbytes);
/* Restore power: I/O works again, with an empty log. */
void lnm_powercut_sim_power_on(void);
/* 1 between a cut and power-on. */
int lnm_powercut_sim_is_off(void);

/* Completed fdatasync calls so far. */
uint64_t lnm_powercut_sim_nsyncs(void);
/* Writes (not punches) that have reached the file so far. */
uint64_t lnm_powercut_sim_nwrites(void);
/* While held, fdatasync blocks before it takes effect. Releasing lets blocked calls finish. */
void lnm_powercut_sim_hold_syncs(int hold);
/* Block until at least n fdatasync calls are blocked by a hold. */
void lnm_powercut_sim_wait_held(unsigned n);

/* file_io.c's entry points in the simulator build: buf NULL punches a hole. */
int lnm_powercut_sim_write(int fd, const void *buf, size_t nbytes, uint64_t off);
int lnm_powercut_sim_sync(int fd);

#endif /* LNM_POWERCUT_SIM_H */
