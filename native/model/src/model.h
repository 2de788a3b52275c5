/*
 * model.h: internal structures of the lnvmd device model.
 *
 * A device is an image file (image.c, chunk_table.c) plus in-memory chunk state, served by worker
 * threads (async_engine.c). Every command, synchronous or not, is split into per-worker parts; a
 * worker owns the parallel units (PUs) with pu % nworkers == its index, so only it changes their
 * chunks (chunk_rules.c) and commands to one chunk take effect in submission order. Async
 * commands complete into their context's queue (async_ctx.c). In durable mode a command that
 * changes the media completes only once a sync epoch covering it is on stable storage
 * (group_commit.c).
 */
#ifndef LNM_MODEL_H
#define LNM_MODEL_H

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "image.h"
#include "liblightnvm.h"

#define LNM_WORKERS_DEFAULT 2
#define LNM_WORKERS_MAX 16
#define LNM_SPIN_NS_DEFAULT 20000
#define LNM_ASYNC_DEPTH_DEFAULT 64
#define LNM_ASYNC_DEPTH_MAX 65536
#define LNM_CHUNK_NONE UINT32_MAX
#define LNM_WLI_MAX 255

/* Host I/O failure while reading the image: NVMe media error "unrecovered read error". */
#define LNM_STATUS_UNRECOVERED_READ 0x281

enum lnm_opc {
	LNM_OPC_READ,
	LNM_OPC_WRITE,
	LNM_OPC_ERASE,
	LNM_OPC_COPY,
	LNM_OPC_MARK, /* bad-block mark: cmd->mark is the NVM_BBT_* state */
};

/* One decoded sector address: chunk is the global chunk index
 * ((pugrp * npunit + punit) * nchunk + chunk), or LNM_CHUNK_NONE when pugrp, punit or chunk lies
 * outside the geometry; sectr saturates at UINT32_MAX. */
struct lnm_sect {
	uint32_t chunk;
	uint32_t sectr;
};

/* In-memory state of one chunk; changed only by its PU's worker, under its PU's lock. gen and
 * slot describe the table in page-cache mode; in durable mode only the syncer writes the table
 * and keeps its own (group_commit.c), and these stay as loaded. */
struct lnm_chunk {
	uint64_t gen;	 /* generation of the newest valid table slot */
	uint32_t wp;	 /* write pointer, sectors */
	uint32_t nerase; /* resets so far */
	uint8_t state;	 /* NVM_CHUNK_STATE_* */
	uint8_t wli;	 /* wear-level index */
	uint8_t mark;	 /* bad-block mark of an OFFLINE chunk (NVM_BBT_*), or 0 */
	uint8_t faults;	 /* injected faults: LNM_FAULT_* (image_format.h) */
	uint16_t endurance;
	uint32_t read_sectr;
	uint16_t read_nsectr;
	uint8_t slot;  /* table slot (0 or 1) holding gen */
	uint32_t life; /* in memory only: bumped whenever the write pointer goes back (reset, mark)
			*/
};

/* One sync epoch of durable mode: its commands and the chunk states snapshotted when it closed
 * (group_commit.c). */
struct lnm_epoch {
	uint64_t id;
	struct lnm_cmd *cmds;
	uint32_t ncmds;
	uint32_t nsnap;
	struct lnm_chunk *snap; /* snapshot of the chunks dirty at closing */
	uint32_t *snap_idx;	/* their indices */
};

/* What the newest stable table slot of a chunk says (durable mode, the syncer's own). */
struct lnm_chunk_stable {
	uint64_t gen;
	uint32_t wp;
	uint32_t life; /* lnm_chunk.life of the state it recorded */
	uint8_t slot;
};

/* Durable mode's group commit (group_commit.c): commands that changed the media join the open
 * sync epoch; the syncer thread closes it with a snapshot of the chunks changed so far, writes
 * their table slots (each vouching for the data written since the chunk's previous stable slot,
 * chunk_cover.c), and one fdatasync makes the epoch's data and slots stable, after which the
 * epoch's completions are posted. */
struct lnm_group_commit {
	pthread_mutex_t lock;
	pthread_cond_t work;   /* the syncer waits here for commands or waiting workers */
	pthread_cond_t synced; /* workers wait here for an epoch (resets, before discarding) */
	struct lnm_cmd *head;  /* commands of the open epoch */
	struct lnm_cmd *tail;
	uint32_t *dirty; /* chunks changed in memory since the last snapshot */
	uint32_t ndirty;
	uint8_t *is_dirty;     /* per chunk: listed in dirty */
	uint64_t open_epoch;   /* the epoch new commands and changed chunks join */
	uint64_t synced_epoch; /* every epoch up to this one is stable (or failed) */
	uint64_t failed_epoch; /* the newest epoch whose sync failed, 0 none */
	uint64_t wanted_epoch; /* the newest epoch a worker waits for */
	uint32_t nexpected; /* commands dispatched that will join an epoch, not yet handed over */
	uint32_t nopen;	    /* commands in the open epoch */
	uint32_t gather_until; /* while gathering: wake the syncer once nopen reaches this */
	bool idle;	       /* the syncer waits on work */
	bool gathering;	       /* ... for the open epoch to fill (lnm_epoch_gather) */
	bool stop;
	bool started;
	pthread_t thread;
	/* the syncer's own */
	struct lnm_epoch epoch;		 /* the one closed and being made stable */
	struct lnm_chunk_stable *stable; /* per chunk */
	uint64_t sync_ns;		 /* how long the last epoch took to make stable */
};

/* Per-PU lock: held by the owning worker while it changes a chunk, and by reports. */
struct lnm_pu {
	pthread_mutex_t lock;
} __attribute__((aligned(64)));

struct lnm_cmd;

/* The share of a command that one worker executes: the address indices in mask. */
struct lnm_part {
	struct lnm_part *next; /* worker queue link */
	struct lnm_cmd *cmd;
	uint64_t mask;	 /* address indices of this part */
	uint64_t failed; /* indices not carried out */
	uint16_t status; /* status of the lowest failed index */
	uint8_t worker;
};

/* Copy state: the bounce buffers (data, and metadata when the device has OOB bytes) and the
 * decoded destinations. */
struct lnm_copy {
	void *bounce;
	void *bounce_meta; /* NULL when nbytes_oob is 0 */
	struct lnm_sect dst[NVM_NADDR_MAX];
};

/* Bounce buffers of a read or write whose data or metadata is a scatter-gather list: a write's
 * bytes are gathered at submission, a read's scattered on completion. */
struct lnm_sgl_io {
	struct nvm_sgl *data; /* NULL: cmd->data is a plain buffer */
	struct nvm_sgl *meta; /* NULL: cmd->meta is a plain buffer (or NULL) */
	void *bounce;
	void *bounce_meta;
	size_t nbytes;
	size_t nbytes_meta;
};

/* A scatter-gather list (sgl.c). */
struct nvm_sgl {
	struct nvm_sgl *next; /* pool's free list */
	size_t nsegs;
	size_t capacity;
	size_t nbytes; /* sum of the segments */
	struct lnm_sgl_seg {
		void *buf;
		size_t nbytes;
	} * segs;
};

/* A command in flight: a preallocated slot of an async context, or on the stack of a
 * synchronous caller. */
struct lnm_cmd {
	struct lnm_cmd *next;	   /* free list or completion queue link */
	struct nvm_async_ctx *ctx; /* NULL: synchronous */
	struct nvm_ret *ret;
	nvm_async_cb cb; /* snapshot of ret->async at submission */
	void *cb_arg;
	sem_t *sync_done; /* posted on completion of a synchronous command */
	void *data;
	void *meta;
	struct lnm_copy *copy;
	uint64_t failed;
	uint16_t status;
	struct lnm_sgl_io *sgl;
	uint8_t opc;
	uint8_t stage; /* copy: 0 reads the sources, 1 writes the destinations */
	uint8_t mark;  /* LNM_OPC_MARK: the NVM_BBT_* state */
	uint16_t naddrs;
	uint16_t nparts;
	atomic_uint nparts_left;
	struct lnm_sect sects[NVM_NADDR_MAX];
	struct lnm_part parts[LNM_WORKERS_MAX];
};

struct lnm_worker {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct lnm_part *head;
	struct lnm_part *tail;
	atomic_uint nqueued; /* hint read while spinning, without the lock */
	bool sleeping;
	bool stop;
	pthread_t thread;
	struct lnm_media *md;
} __attribute__((aligned(64)));

struct nvm_async_ctx {
	struct nvm_dev *dev;
	uint32_t depth;
	atomic_uint outstanding;
	struct lnm_cmd *slots;
	struct lnm_cmd *free_head; /* touched only by the context's user thread */
	uint32_t nslots_used;	   /* slots[nslots_used..depth) were never handed out */
	/* completion queue, filled by workers */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct lnm_cmd *done_head;
	struct lnm_cmd *done_tail;
	atomic_uint ndone;
	bool waiting;
	struct nvm_async_ctx *next; /* device's context list */
	struct nvm_async_ctx *prev;
};

/* The state of one open image, shared by every nvm_dev_open of that image in this process and
 * freed with the last nvm_dev_close (device.c): the file, chunk table, PU locks, workers and the
 * device's features. Found by the image's (st_dev, st_ino). */
struct lnm_media {
	int fd;
	dev_t st_dev;
	ino_t st_ino;
	unsigned nopens;	/* open handles; under the device registry's lock */
	struct lnm_media *next; /* device registry link */
	struct nvm_geo geo;
	struct nvm_nvme_ns ns;
	struct nvm_spec_lbaf lbaf;
	uint8_t ssw; /* log2(nbytes): device address <-> byte offset shift */
	struct lnm_sb sb;
	uint32_t nchunks; /* whole device */
	uint32_t npus;
	uint8_t lbaf_off[4]; /* device address format: bit offsets of sectr, chunk, punit, pugrp */
	uint8_t lbaf_len[4];
	struct lnm_chunk *chunks;
	struct lnm_pu *pus;
	atomic_uint feat_err_rec; /* NVM_FEAT_ERROR_RECOVERY value; bit 16 is DULBE */
	bool durable;		  /* the image's durable flag or LNVM_MODEL_SYNC=1: group commit */
	bool discard;		  /* LNVM_MODEL_DISCARD (default 1): punch reset chunks' data */
	uint64_t spin_ns;
	unsigned nworkers;
	struct lnm_worker *workers;
	struct lnm_group_commit gc; /* durable mode only */
};

/* One nvm_dev_open: the shared media, this handle's path, name and options, its bad-block tables
 * and its async contexts (freed by its nvm_dev_close). */
struct nvm_dev {
	struct lnm_media *md;
	char *path;
	const char *name;
	/* per-handle options (dev_attrs.c) */
	int pmode;
	int meta_mode;
	int quirks;
	int bbts_cached;
	int erase_naddrs_max;
	int read_naddrs_max;
	int write_naddrs_max;
	struct nvm_bbt **bbts; /* per PU, filled by nvm_bbt_get (bbt.c) */
	pthread_mutex_t ctx_lock;
	struct nvm_async_ctx *ctxs;
};

/* address.c */

/* Decode addr (its sector field plus sectr_add) into sect. */
void lnm_addr_decode(const struct lnm_media *md, struct nvm_addr addr, uint64_t sectr_add,
		     struct lnm_sect *sect);
/* Byte offset of a sector in the image's data region (chunk must be valid, sectr < nsectr). */
static inline uint64_t lnm_addr_data_off(const struct lnm_media *md, uint32_t chunk, uint32_t sectr)
{
	return md->sb.data_off + ((uint64_t)chunk * md->sb.nsectr + sectr) * md->sb.nbytes;
}
static inline uint64_t lnm_addr_oob_off(const struct lnm_media *md, uint32_t chunk, uint32_t sectr)
{
	return md->sb.oob_off + ((uint64_t)chunk * md->sb.nsectr + sectr) * md->sb.nbytes_oob;
}
/* Generic address of a global chunk index's first sector. */
struct nvm_addr lnm_addr_of_chunk(const struct lnm_media *md, uint32_t chunk);
/* nvm_addr_gen2dev on the media. */
uint64_t lnm_addr_gen2dev(const struct lnm_media *md, struct nvm_addr addr);
/* Compute the device address format from the geometry. */
void lnm_addr_format_init(struct lnm_media *md);

/* chunk_table.c */

/* Load every chunk's newest valid table slot. Returns 0, or -1 with errno (EINVAL: a chunk has
 * no valid slot). */
int lnm_chunk_table_load(struct lnm_media *md);
/* Make next chunk's new state (wp, nerase, state, wli): write the slot not holding the newest
 * generation, then publish it in memory under the PU lock; in durable mode publish it and leave
 * the slot to the syncer. Called only by the chunk's worker. Returns 0, or -1 with errno
 * (nothing changed). */
int lnm_chunk_commit(struct lnm_media *md, uint32_t chunk, struct lnm_chunk next);
/* The table record of chunk state c with generation gen (crc not yet set). */
struct lnm_chunk_rec lnm_chunk_rec_of(const struct lnm_chunk *c, uint64_t gen);

/* chunk_cover.c */

/* *crc = the CRC32C of chunk's data sectors [base, wp) then their OOB bytes, read from the image
 * (0 when base >= wp). Returns 0, or -1 with errno from pread. */
int lnm_chunk_cover_crc(struct lnm_media *md, uint32_t chunk, uint32_t base, uint32_t wp,
			uint32_t *crc);

/* chunk_rules.c */

/* Execute a part on the worker that owns its PUs: fills part->status and part->failed. */
void lnm_chunk_part_exec(struct lnm_media *md, struct lnm_part *part);

/* The sector list a command's current stage works on. */
static inline const struct lnm_sect *lnm_cmd_sects(const struct lnm_cmd *cmd)
{
	return cmd->opc == LNM_OPC_COPY && cmd->stage ? cmd->copy->dst : cmd->sects;
}

/* report.c */

/* Fill d with the report descriptor of global chunk index chunk in state c. */
void lnm_chunk_descr(const struct lnm_media *md, uint32_t chunk, const struct lnm_chunk *c,
		     struct nvm_spec_rprt_descr *d);

/* commands.c */

/* Synchronously mark naddrs chunks (vector addresses) with bad-block state mark (LNM_OPC_MARK).
 * 0, or -1 with errno (EIO with ret->status for a chunk that could not be marked). */
int lnm_cmd_mark(struct nvm_dev *dev, struct nvm_addr *addrs, int naddrs, uint8_t mark,
		 struct nvm_ret *ret);

/* sgl.c */

/* Copy the list's first nbytes into / out of a contiguous buffer. */
void lnm_sgl_gather(const struct nvm_sgl *sgl, void *dst, size_t nbytes);
void lnm_sgl_scatter(struct nvm_sgl *sgl, const void *src, size_t nbytes);

/* async_engine.c */

/* Start md->nworkers workers. Returns 0, or -1 with errno. */
int lnm_engine_start(struct lnm_media *md);
/* Let workers finish their queues, then join them. */
void lnm_engine_stop(struct lnm_media *md);
/* Split cmd (sects, naddrs, opc, stage filled) into per-worker parts and queue them. */
void lnm_engine_dispatch(struct lnm_media *md, struct lnm_cmd *cmd);

/* Completed async commands of one context, posted with one lock round trip. */
struct lnm_done_batch {
	struct nvm_async_ctx *ctx;
	struct lnm_cmd *head;
	struct lnm_cmd *tail;
	unsigned n;
};
/* Add a finished command (status and failed set) to b, flushing b first when it holds another
 * context's; a synchronous command's caller is woken at once. */
void lnm_cmd_post(struct lnm_cmd *cmd, struct lnm_done_batch *b);
/* Post b's commands to their context. */
void lnm_done_flush(struct lnm_done_batch *b);

/* group_commit.c */

/* Allocate the group commit state and start the syncer. Returns 0, or -1 with errno. */
int lnm_group_commit_start(struct lnm_media *md);
/* Sync and post every command handed over so far, then join the syncer and free its state. */
void lnm_group_commit_stop(struct lnm_media *md);
/* Note that chunk's in-memory state changed (its worker, after publishing it). */
void lnm_group_commit_dirty(struct lnm_media *md, uint32_t chunk);
/* Note that a command that will be handed over (not a read) is being dispatched. */
void lnm_group_commit_expect(struct lnm_media *md);
/* Hand a finished command over: it is posted once an epoch opened no earlier is stable. */
void lnm_group_commit_add(struct lnm_media *md, struct lnm_cmd *cmd);
/* Block until every chunk change noted so far is stable. Returns 0, or -1 (EIO) when that
 * epoch's sync failed. */
int lnm_group_commit_wait(struct lnm_media *md);

/* async_ctx.c */

/* Wait until every command of dev's contexts has completed, then free the contexts (used by
 * nvm_dev_close). */
void lnm_async_ctx_free_all(struct nvm_dev *dev);
/* Release what a finished (or never dispatched) command holds: a copy's bounce buffers, an SGL
 * command's bounce buffers, scattering a read's bytes into its lists first when deliver is true. */
void lnm_cmd_release(struct lnm_cmd *cmd, bool deliver);
/* Take a free slot of ctx, or NULL with errno EAGAIN when depth commands are outstanding. */
struct lnm_cmd *lnm_async_slot_get(struct nvm_async_ctx *ctx);
/* Return a slot that was taken but never dispatched. */
void lnm_async_slot_put(struct nvm_async_ctx *ctx, struct lnm_cmd *cmd);

#endif /* LNM_MODEL_H */
