/*
 * powercut_sim.c: the power-cut simulator behind file_io.c in the C tests' power-cut build (see
 * powercut_sim.h). Compiled only into that build.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "file_io.h"
#include "powercut_sim.h"

/* One write or punch not yet covered by an fdatasync of its file. */
struct lnm_sim_op {
	int fd;
	uint64_t off;
	size_t nbytes;
	uint8_t *data; /* NULL: a punched hole */
	uint8_t *old;  /* the bytes it replaced */
};

static pthread_mutex_t lnm_sim_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lnm_sim_cond = PTHREAD_COND_INITIALIZER;
static struct lnm_sim_op *lnm_sim_ops;
static size_t lnm_sim_nops, lnm_sim_cap;
static bool lnm_sim_hold;
static unsigned lnm_sim_nheld;
static atomic_int lnm_sim_off;
static atomic_uint_fast64_t lnm_sim_nsyncs;
static atomic_uint_fast64_t lnm_sim_nwrites;

static int lnm_sim_eio(void)
{
	errno = EIO;
	return -1;
}

static void lnm_sim_op_free(struct lnm_sim_op *op)
{
	free(op->data);
	free(op->old);
}

/* Store op's bytes (its first nbytes) in the file. */
static int lnm_sim_apply(const struct lnm_sim_op *op, size_t nbytes)
{
	if (op->data)
		return lnm_sys_pwrite_all(op->fd, op->data, nbytes, op->off);
	if (!lnm_sys_punch_hole(op->fd, op->off, nbytes))
		return 0;
	/* no hole punching: zeros read back the same */
	{
		uint8_t *zeros = calloc(1, nbytes);
		int rc = zeros ? lnm_sys_pwrite_all(op->fd, zeros, nbytes, op->off) : -1;

		free(zeros);
		return rc;
	}
}

int lnm_powercut_sim_write(int fd, const void *buf, size_t nbytes, uint64_t off)
{
	struct lnm_sim_op op = { .fd = fd, .off = off, .nbytes = nbytes };
	int rc = -1;

	pthread_mutex_lock(&lnm_sim_lock);
	if (atomic_load(&lnm_sim_off)) {
		pthread_mutex_unlock(&lnm_sim_lock);
		return lnm_sim_eio();
	}
	if (lnm_sim_nops == lnm_sim_cap) {
		size_t cap = lnm_sim_cap ? 2 * lnm_sim_cap : 256;
		struct lnm_sim_op *ops = realloc(lnm_sim_ops, cap * sizeof(*ops));

		if (!ops)
			goto out;
		lnm_sim_ops = ops;
		lnm_sim_cap = cap;
	}
	op.old = malloc(nbytes);
	op.data = buf ? malloc(nbytes) : NULL;
	if (!op.old || (buf && !op.data) || lnm_pread_all(fd, op.old, nbytes, off))
		goto out;
	if (buf)
		memcpy(op.data, buf, nbytes);
	rc = lnm_sim_apply(&op, nbytes);
	if (rc)
		goto out;
	lnm_sim_ops[lnm_sim_nops++] = op;
	if (buf)
		atomic_fetch_add(&lnm_sim_nwrites, 1);
	pthread_mutex_unlock(&lnm_sim_lock);
	return 0;
out:
	lnm_sim_op_free(&op);
	pthread_mutex_unlock(&lnm_sim_lock);
	return -1;
}

int lnm_powercut_sim_sync(int fd)
{
	size_t kept = 0;

	pthread_mutex_lock(&lnm_sim_lock);
	++lnm_sim_nheld;
	pthread_cond_broadcast(&lnm_sim_cond);
	while (lnm_sim_hold && !atomic_load(&lnm_sim_off))
		pthread_cond_wait(&lnm_sim_cond, &lnm_sim_lock);
	--lnm_sim_nheld;
	if (atomic_load(&lnm_sim_off)) {
		pthread_mutex_unlock(&lnm_sim_lock);
		return lnm_sim_eio();
	}
	for (size_t i = 0; i < lnm_sim_nops; ++i) {
		if (lnm_sim_ops[i].fd == fd)
			lnm_sim_op_free(&lnm_sim_ops[i]);
		else
			lnm_sim_ops[kept++] = lnm_sim_ops[i];
	}
	lnm_sim_nops = kept;
	atomic_fetch_add(&lnm_sim_nsyncs, 1);
	pthread_mutex_unlock(&lnm_sim_lock);
	return 0;
}

static uint64_t lnm_sim_rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* What a cut does to one logged operation. */
enum lnm_sim_fate {
	LNM_SIM_DROP,
	LNM_SIM_KEEP,
	LNM_SIM_TEAR,
};

/* How a cut picks each operation's fate: at random from a seed, or by file range. */
struct lnm_sim_policy {
	uint64_t x;    /* random state */
	bool by_range; /* keep what lies in [off, off + nbytes), drop the rest */
	uint64_t off;
	uint64_t nbytes;
};

static enum lnm_sim_fate lnm_sim_fate_of(struct lnm_sim_policy *p, const struct lnm_sim_op *op)
{
	if (p->by_range)
		return op->off >= p->off && op->off + op->nbytes <= p->off + p->nbytes
			       ? LNM_SIM_KEEP
			       : LNM_SIM_DROP;
	return (enum lnm_sim_fate)(lnm_sim_rnd(&p->x) % 3);
}

static struct lnm_powercut_stats lnm_sim_cut(struct lnm_sim_policy *p)
{
	struct lnm_powercut_stats st = { 0 };

	pthread_mutex_lock(&lnm_sim_lock);
	atomic_store(&lnm_sim_off, 1);
	pthread_cond_broadcast(&lnm_sim_cond); /* held syncs fail */
	/* Undo newest first: the file is back to what the last completed syncs left. */
	for (size_t i = lnm_sim_nops; i-- > 0;)
		(void)lnm_sys_pwrite_all(lnm_sim_ops[i].fd, lnm_sim_ops[i].old,
					 lnm_sim_ops[i].nbytes, lnm_sim_ops[i].off);
	for (size_t i = 0; i < lnm_sim_nops; ++i) {
		struct lnm_sim_op *op = &lnm_sim_ops[i];

		switch (lnm_sim_fate_of(p, op)) {
		case LNM_SIM_DROP:
			++st.ndropped;
			break;
		case LNM_SIM_KEEP:
			(void)lnm_sim_apply(op, op->nbytes);
			++st.nkept;
			break;
		default:
			if (op->nbytes > 1) { /* a prefix of 1..nbytes-1 bytes */
				(void)lnm_sim_apply(op, 1 + lnm_sim_rnd(&p->x) % (op->nbytes - 1));
				++st.ntorn;
			} else {
				++st.ndropped;
			}
			break;
		}
		lnm_sim_op_free(op);
	}
	lnm_sim_nops = 0;
	pthread_mutex_unlock(&lnm_sim_lock);
	return st;
}

struct lnm_powercut_stats lnm_powercut_sim_cut(uint64_t seed)
{
	struct lnm_sim_policy p = { .x = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL };

	return lnm_sim_cut(&p);
}

struct lnm_powercut_stats lnm_powercut_sim_cut_keeping(uint64_t off, uint64_t nbytes)
{
	struct lnm_sim_policy p = { .by_range = true, .off = off, .nbytes = nbytes };

	return lnm_sim_cut(&p);
}

void lnm_powercut_sim_power_on(void)
{
	pthread_mutex_lock(&lnm_sim_lock);
	atomic_store(&lnm_sim_off, 0);
	pthread_mutex_unlock(&lnm_sim_lock);
}

int lnm_powercut_sim_is_off(void)
{
	return atomic_load(&lnm_sim_off);
}

uint64_t lnm_powercut_sim_nsyncs(void)
{
	return atomic_load(&lnm_sim_nsyncs);
}

uint64_t lnm_powercut_sim_nwrites(void)
{
	return atomic_load(&lnm_sim_nwrites);
}

void lnm_powercut_sim_hold_syncs(int hold)
{
	pthread_mutex_lock(&lnm_sim_lock);
	lnm_sim_hold = hold != 0;
	pthread_cond_broadcast(&lnm_sim_cond);
	pthread_mutex_unlock(&lnm_sim_lock);
}

void lnm_powercut_sim_wait_held(unsigned n)
{
	pthread_mutex_lock(&lnm_sim_lock);
	while (lnm_sim_nheld < n)
		pthread_cond_wait(&lnm_sim_cond, &lnm_sim_lock);
	pthread_mutex_unlock(&lnm_sim_lock);
}
