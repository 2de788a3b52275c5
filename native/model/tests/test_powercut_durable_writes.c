/* Durable mode survives power loss: 1,000 simulated power cuts at random points of a random mix
 * of writes (with metadata) and resets at queue depth 16, on each kind of image: sparse,
 * preallocated (whose resets keep the chunk's old bytes in the file) and version 2 (no covers:
 * the syncer makes the data stable before writing the slots). After each cut the
 * image opens (every chunk has a valid table slot), no acknowledged write or reset is lost, and
 * every chunk shows exactly the state and bytes (data and metadata) of its acknowledged commands
 * plus possibly some of the later ones in order: nothing stale or never written below a write
 * pointer. */
#include "harness.h"
#include "image_v2.h"
#include "powercut_sim.h"

#define NCUTS 1000
#define DEPTH 16
#define NPUNIT 2
#define NCHUNK 4
#define NCHUNKS (NPUNIT * NCHUNK)
#define NSECTR 16
#define NBYTES 512
#define NBYTES_OOB 16
#define WS 4
#define NUNITS (NSECTR / WS) /* write units per chunk */
#define MAX_OPS 64	     /* submitted commands per chunk per cycle */
#define GEOMETRY                                                                                   \
	"--npugrp 1 --npunit 2 --nchunk 4 --nsectr 16 --nbytes 512 --nbytes-oob 16 --ws-min 4 "    \
	"--ws-opt 4 --mw-cunits 0 --durable"

enum {
	OP_WRITE,
	OP_RESET
};

/* What a chunk holds: the seed of each write unit below wp. */
struct chunk_state {
	uint32_t wp;
	uint32_t nerase;
	uint64_t seeds[NUNITS];
};

struct op {
	int kind;
	uint64_t seed;
	int acked;
};

struct chunk_model {
	struct chunk_state stable; /* verified after the last cut */
	struct op ops[MAX_OPS];	   /* submitted since, in order */
	int nops;
};

struct slot {
	struct nvm_ret ret;
	struct op *op;
	int busy;
	char data[WS * NBYTES];
	char meta[WS * NBYTES_OOB];
};

static struct chunk_model chunks[NCHUNKS];
static struct slot slots[DEPTH];
static int power_off;
static uint64_t seed_next = 1;
static uint64_t nacked_total;

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static struct nvm_addr chunk_addr(int c, uint32_t sectr)
{
	return h_addr(0, (unsigned)(c / NCHUNK), (unsigned)(c % NCHUNK), sectr);
}

static void apply(struct chunk_state *s, const struct op *op)
{
	if (op->kind == OP_RESET) {
		s->wp = 0;
		s->nerase += 1;
	} else {
		s->seeds[s->wp / WS] = op->seed;
		s->wp += WS;
	}
}

/* The chunk's state after its first k commands of this cycle. */
static struct chunk_state after(const struct chunk_model *m, int k)
{
	struct chunk_state s = m->stable;

	for (int i = 0; i < k; ++i)
		apply(&s, &m->ops[i]);
	return s;
}

static void on_done(struct nvm_ret *ret, void *arg)
{
	struct slot *sl = arg;

	sl->busy = 0;
	if (power_off)
		return; /* completions after the cut are not acknowledgements */
	if (ret->status) {
		fprintf(stderr, "command failed before the cut: status 0x%x\n", ret->status);
		exit(H_EXIT_FAIL);
	}
	sl->op->acked = 1;
	++nacked_total;
}

static struct slot *free_slot(void)
{
	for (int i = 0; i < DEPTH; ++i) {
		if (!slots[i].busy)
			return &slots[i];
	}
	return NULL;
}

static void submit(struct nvm_dev *dev, struct nvm_async_ctx *ctx, uint64_t *x)
{
	int c = (int)(rnd(x) % NCHUNKS);
	struct chunk_model *m = &chunks[c];
	struct chunk_state s = after(m, m->nops);
	struct slot *sl = free_slot();
	struct op *op;

	if (!sl || m->nops == MAX_OPS)
		return;
	op = &m->ops[m->nops];
	*op = (struct op){ .kind = s.wp == NSECTR ? OP_RESET : OP_WRITE, .seed = seed_next++ };
	sl->busy = 1;
	sl->op = op;
	memset(&sl->ret, 0, sizeof(sl->ret));
	sl->ret.async.ctx = ctx;
	sl->ret.async.cb = on_done;
	sl->ret.async.cb_arg = sl;
	if (op->kind == OP_RESET) {
		struct nvm_addr a = chunk_addr(c, 0);

		CHECK_EQ(nvm_cmd_erase(dev, &a, 1, NULL, NVM_CMD_ASYNC, &sl->ret), 0);
	} else {
		struct nvm_addr addrs[WS];

		h_fill(sl->data, sizeof(sl->data), op->seed);
		h_fill(sl->meta, sizeof(sl->meta), ~op->seed);
		CHECK_EQ(nvm_cmd_write(dev, h_addrs(addrs, chunk_addr(c, s.wp), WS), WS, sl->data,
				       sl->meta, NVM_CMD_ASYNC | NVM_CMD_VECTOR, &sl->ret),
			 0);
	}
	++m->nops;
}

/* 1 when the chunk as read back matches s exactly. */
static int matches(struct nvm_dev *dev, int c, const struct nvm_spec_rprt_descr *d,
		   const struct chunk_state *s)
{
	char data[WS * NBYTES], meta[WS * NBYTES_OOB], want[WS * NBYTES],
		want_meta[WS * NBYTES_OOB];
	uint8_t cs = s->wp == 0	       ? NVM_CHUNK_STATE_FREE
		     : s->wp == NSECTR ? NVM_CHUNK_STATE_CLOSED
				       : NVM_CHUNK_STATE_OPEN;

	if (d->wp != s->wp || d->cs != cs || d->wli != (s->nerase > 255 ? 255 : s->nerase))
		return 0;
	for (uint32_t u = 0; u < s->wp / WS; ++u) {
		CHECK_EQ(h_read(dev, chunk_addr(c, u * WS), WS, data, meta, NVM_CMD_VECTOR, NULL),
			 0);
		h_fill(want, sizeof(want), s->seeds[u]);
		h_fill(want_meta, sizeof(want_meta), ~s->seeds[u]);
		if (memcmp(data, want, sizeof(want)) || memcmp(meta, want_meta, sizeof(meta)))
			return 0;
	}
	return 1;
}

/* Check every chunk against its acknowledged prefix and the commands after it; adopt the state
 * found as the next cycle's stable state. */
static void verify(struct nvm_dev *dev, int cut)
{
	struct nvm_addr pu0 = h_addr(0, 0, 0, 0), pu1 = h_addr(0, 1, 0, 0);
	struct nvm_spec_rprt *r[NPUNIT] = { nvm_cmd_rprt(dev, &pu0, 0, NULL),
					    nvm_cmd_rprt(dev, &pu1, 0, NULL) };

	CHECK(r[0] && r[1]);
	for (int c = 0; c < NCHUNKS; ++c) {
		struct chunk_model *m = &chunks[c];
		const struct nvm_spec_rprt_descr *d = &r[c / NCHUNK]->descr[c % NCHUNK];
		int acked = 0, found = -1;

		for (int i = 0; i < m->nops; ++i) {
			if (m->ops[i].acked)
				acked = i + 1;
		}
		for (int k = m->nops; k >= acked && found < 0; --k) {
			struct chunk_state s = after(m, k);

			if (matches(dev, c, d, &s))
				found = k;
		}
		if (found < 0) {
			fprintf(stderr,
				"cut %d chunk %d: wp %llu state 0x%x matches no state from %d "
				"acknowledged of %d commands\n",
				cut, c, (unsigned long long)d->wp, d->cs, acked, m->nops);
			exit(H_EXIT_FAIL);
		}
		m->stable = after(m, found);
		m->nops = 0;
	}
	nvm_buf_free(dev, r[0]);
	nvm_buf_free(dev, r[1]);
}

/* NCUTS cycles on the fresh image at path, described by what. */
static void run_cuts(const char *what, const char *path)
{
	struct lnm_powercut_stats total = { 0 };
	uint64_t x = 0x5DEECE66DULL;

	memset(chunks, 0, sizeof(chunks));
	nacked_total = 0;
	for (int cut = 0; cut < NCUTS; ++cut) {
		struct nvm_dev *dev = nvm_dev_open(path);
		struct nvm_async_ctx *ctx;
		int nsubmit = 1 + (int)(rnd(&x) % 48);
		struct lnm_powercut_stats st;

		CHECK(dev);
		ctx = nvm_async_init(dev, DEPTH, 0);
		CHECK(ctx);
		power_off = 0;
		for (int i = 0; i < nsubmit; ++i) {
			submit(dev, ctx, &x);
			if (rnd(&x) % 4 == 0)
				CHECK(nvm_async_poke(dev, ctx, 0) >= 0);
			if (rnd(&x) % 32 == 0)
				CHECK(nvm_async_wait(dev, ctx) >= 0);
		}
		CHECK(nvm_async_poke(dev, ctx, 0) >= 0);
		power_off = 1;
		st = lnm_powercut_sim_cut(rnd(&x));
		total.nkept += st.nkept;
		total.ntorn += st.ntorn;
		total.ndropped += st.ndropped;
		CHECK(nvm_async_wait(dev, ctx) >= 0); /* the dead process's commands fail */
		CHECK_EQ(nvm_async_term(dev, ctx), 0);
		nvm_dev_close(dev);
		lnm_powercut_sim_power_on();

		dev = nvm_dev_open(path);
		CHECK(dev); /* every chunk has a valid slot */
		verify(dev, cut);
		nvm_dev_close(dev);
	}
	printf("%s: %d cuts, %llu acknowledged commands; unsynced operations at the cuts: %llu "
	       "kept, %llu torn, %llu dropped\n",
	       what, NCUTS, (unsigned long long)nacked_total, (unsigned long long)total.nkept,
	       (unsigned long long)total.ntorn, (unsigned long long)total.ndropped);
	CHECK(nacked_total > 0);
	CHECK(total.ndropped > 0 && total.ntorn > 0);
}

int main(void)
{
	run_cuts("sparse", h_image(GEOMETRY));
	run_cuts("preallocated", h_image(GEOMETRY " --preallocate"));
	run_cuts("version 2 (no covers)", h_image_v2(GEOMETRY));
	return H_EXIT_PASS;
}
