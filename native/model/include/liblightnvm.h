/*
 * liblightnvm.h: the subset of liblightnvm's public C ABI that the lnvmd device model exports.
 *
 * Names, signatures, struct layouts and return conventions follow liblightnvm 0.1.x on x86-64
 * (LP64), so a program built against liblightnvm's own header runs unchanged against the model,
 * and our binding runs unchanged against a real liblightnvm.so. Layouts are pinned by static
 * asserts in src/abi_asserts.c.
 *
 * Conventions: functions returning int give 0 (or a count) on success and -1 with errno set on
 * failure; functions returning a pointer give NULL with errno set on failure. A command the device
 * rejects also fills ret->status (bits 0-7 SC, bits 8-10 SCT).
 */
#ifndef LIBLIGHTNVM_H
#define LIBLIGHTNVM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Command flags: the uint16_t flags of nvm_cmd_*. */
#define NVM_CMD_SYNC 0x10
#define NVM_CMD_ASYNC 0x20
#define NVM_CMD_SCALAR 0x40
#define NVM_CMD_VECTOR 0x80
#define NVM_CMD_PRP 0x100

/* Maximum addresses of one vector command. */
#define NVM_NADDR_MAX 64

/* Chunk state (nvm_spec_rprt_descr.cs): exactly one bit set. */
#define NVM_CHUNK_STATE_FREE 0x1
#define NVM_CHUNK_STATE_CLOSED 0x2
#define NVM_CHUNK_STATE_OPEN 0x4
#define NVM_CHUNK_STATE_OFFLINE 0x8

/* Chunk type (nvm_spec_rprt_descr.ct). */
#define NVM_CHUNK_TYPE_SEQR 0x1
#define NVM_CHUNK_TYPE_ARWR 0x2
#define NVM_CHUNK_TYPE_WAVVY 0x10

/* Media controller capabilities (nvm_dev_get_mccap). */
#define NVM_MCCAP_VCOPY 0x1
#define NVM_MCCAP_MULTIPLE_RESETS 0x2

/* nvm_addr_check result bits. An OCSSD 2.0 device (every model device) reports pugrp, punit,
 * chunk and sectr with PUGRP 0x40, PUNIT 0x80, CHUNK 0x100 and SECTR 0x200; the bits 0x1-0x20
 * name the fields of an OCSSD 1.2 address and are set for 1.2 devices only. */
enum nvm_bounds {
	NVM_BOUNDS_CHANNEL = 0x1,
	NVM_BOUNDS_LUN = 0x2,
	NVM_BOUNDS_PLANE = 0x4,
	NVM_BOUNDS_BLOCK = 0x8,
	NVM_BOUNDS_PAGE = 0x10,
	NVM_BOUNDS_SECTOR = 0x20,
	NVM_BOUNDS_PUGRP = 0x40,
	NVM_BOUNDS_PUNIT = 0x80,
	NVM_BOUNDS_CHUNK = 0x100,
	NVM_BOUNDS_SECTR = 0x200
};

/* Feature identifiers (NVMe Get/Set Features). */
enum nvm_nvme_feat_id {
	NVM_FEAT_ERROR_RECOVERY = 0x5,
	NVM_FEAT_MEDIA_FEEDBACK = 0xCA
};

/* A feature value: 4 bytes. Error recovery: bit 16 is DULBE (deallocated or unwritten logical
 * block error: reads of unwritten sectors fail with 0x287 instead of returning zero bytes). */
union nvm_nvme_feat {
	struct {
		uint32_t tler : 16;
		uint32_t dulbe : 1;
		uint32_t rsvd : 15;
	} error_recovery;
	struct {
		uint32_t hecc : 1;
		uint32_t vhecc : 1;
		uint32_t rsvd : 30;
	} media_feedback;
	uint32_t a;
};

/* Completion status codes, as (SCT << 8) | SC. */
#define NVM_STATUS_SUCCESS 0x000
#define NVM_STATUS_INVALID_FIELD 0x002
#define NVM_STATUS_LBA_OUT_OF_RANGE 0x080
#define NVM_STATUS_WRITE_FAULT 0x280
#define NVM_STATUS_DULB 0x287
#define NVM_STATUS_OFFLINE_CHUNK 0x2C0
#define NVM_STATUS_INVALID_RESET 0x2C1
#define NVM_STATUS_READ_HIGH_ECC 0x2D0
#define NVM_STATUS_WRITE_NEXT_UNIT 0x2F0
#define NVM_STATUS_CHUNK_EARLY_CLOSE 0x2F1
#define NVM_STATUS_OUT_OF_ORDER_WRITE 0x2F2

/* Generic address: 8 bytes, passed by value. */
struct nvm_addr {
	union {
		/* OCSSD 1.2 view. */
		struct {
			uint64_t sec : 8;
			uint64_t pg : 16;
			uint64_t pl : 8;
			uint64_t blk : 16;
			uint64_t lun : 8;
			uint64_t ch : 8;
		} g;
		/* OCSSD 2.0 view. */
		struct {
			uint64_t sectr : 32;
			uint64_t chunk : 16;
			uint64_t punit : 8;
			uint64_t pugrp : 8;
		} l;
		uint64_t ppa;
		uint64_t val;
	};
};

/* Device geometry: 88 bytes. */
struct nvm_geo {
	union {
		/* OCSSD 2.0 view. */
		struct {
			size_t npugrp;
			size_t npunit;
			size_t nchunk;
			size_t nsectr;
			size_t nbytes;
			size_t nbytes_oob;
		} l;
		/* OCSSD 1.2 view. */
		struct {
			size_t nchannels;
			size_t nluns;
			size_t nblocks;
			size_t nsectors;
			size_t sector_nbytes;
			size_t meta_nbytes;
			size_t nplanes;
			size_t npages;
			size_t page_nbytes;
		} g;
		/* Same storage as the 2.0 view: named access. */
		struct {
			size_t npugrp;
			size_t npunit;
			size_t nchunk;
			size_t nsectr;
			size_t nbytes;
			size_t nbytes_oob;
		};
	};
	size_t tbytes; /* npugrp * npunit * nchunk * nsectr * nbytes */
	int verid;     /* 2 for OCSSD 2.0 */
};

struct nvm_dev;
struct nvm_async_ctx;
struct nvm_ret;

/* Completion callback: runs inside nvm_async_poke/nvm_async_wait on the caller's thread. */
typedef void (*nvm_async_cb)(struct nvm_ret *ret, void *cb_arg);

/* Per-command asynchronous context, filled by the caller inside nvm_ret: 24 bytes. */
struct nvm_async_cmd_ctx {
	struct nvm_async_ctx *ctx;
	nvm_async_cb cb;
	void *cb_arg;
};

/* Command result: 40 bytes. On completion the model sets status, and result.vio.cs to a mask of
 * the address indices that were not carried out (bit i for address i; 0 on success). */
struct nvm_ret {
	union {
		struct {
			uint64_t cs;
		} vio;
		uint32_t cdw0;
	} result;
	uint16_t status; /* bits 0-7 SC, bits 8-10 SCT */
	struct nvm_async_cmd_ctx async;
};

/* One chunk descriptor of a chunk report: 32 bytes. */
struct nvm_spec_rprt_descr {
	uint8_t cs;  /* state: NVM_CHUNK_STATE_* */
	uint8_t ct;  /* type: NVM_CHUNK_TYPE_* */
	uint8_t wli; /* wear-level index */
	uint8_t rsvd3[5];
	uint64_t addr;	 /* device-format address of the chunk's first sector */
	uint64_t naddrs; /* sectors in the chunk */
	uint64_t wp;	 /* write pointer, sectors from the chunk's start */
};

/* Chunk report: ndescr descriptors; free it with nvm_buf_free. */
struct nvm_spec_rprt {
	uint32_t ndescr;
	uint32_t rsvd;
	struct nvm_spec_rprt_descr descr[];
};

/* Library version. */
int nvm_ver_major(void);
int nvm_ver_minor(void);
int nvm_ver_patch(void);

/* Open a device; for the model, path names an image file (see lnvm-mkimage). Opens of one image
 * (the same file, by device and inode) within a process share one device state: chunk table,
 * workers and features (DULBE); each open is a handle of its own (path, name, async contexts) and
 * the state lives until the last handle is closed. The first open takes an exclusive flock on the
 * image, so another process (a forked child too) gets EBUSY while any handle is open here. NULL
 * with errno on failure: ENOENT missing, EINVAL corrupt, truncated or not an image, EBUSY open in
 * another process.
 * Environment, read by the first open of an image: LNVM_MODEL_WORKERS (I/O worker threads,
 * default 2, at most 16 and the number of PUs; worker = PU index % workers), LNVM_MODEL_SYNC=1
 * (fdatasync before completing each write or reset), LNVM_MODEL_SPIN_US (how long a worker that
 * ran out of work keeps polling its queue, yielding the CPU, before it sleeps; default 20, 0
 * sleeps at once), LNVM_MODEL_DISCARD=0 (keep a reset chunk's data blocks instead of punching
 * them out; reads are unaffected). */
struct nvm_dev *nvm_dev_open(const char *path);
/* As nvm_dev_open; flags select a backend in liblightnvm and are ignored by the model. */
struct nvm_dev *nvm_dev_openf(const char *path, int flags);
/* Close a handle opened by nvm_dev_open*. Terminate its async contexts first; contexts still
 * alive are freed here once the workers have finished every command queued on them, without
 * running their callbacks. Other handles of the same image are unaffected; the last close stops
 * the workers and releases the image. NULL is ignored. */
void nvm_dev_close(struct nvm_dev *dev);

/* Device attributes; valid until nvm_dev_close. */
const struct nvm_geo *nvm_dev_get_geo(const struct nvm_dev *dev);
int nvm_dev_get_verid(const struct nvm_dev *dev);
uint32_t nvm_dev_get_ws_min(const struct nvm_dev *dev);
uint32_t nvm_dev_get_ws_opt(const struct nvm_dev *dev);
uint32_t nvm_dev_get_mw_cunits(const struct nvm_dev *dev);
uint32_t nvm_dev_get_mccap(const struct nvm_dev *dev);
const char *nvm_dev_get_name(const struct nvm_dev *dev);
const char *nvm_dev_get_path(const struct nvm_dev *dev);

/* Allocate nbytes of zeroed, 4 KiB-aligned I/O memory; *phys (if not NULL) receives an
 * identifier of the buffer. NULL with errno on failure. Free with nvm_buf_free. */
void *nvm_buf_alloc(const struct nvm_dev *dev, size_t nbytes, uint64_t *phys);
void nvm_buf_free(const struct nvm_dev *dev, void *buf);

/* Asynchronous contexts (see the seed text nvm_async.txt). A context is used by one thread at a
 * time; several contexts of one device may be used from different threads concurrently.
 *
 * nvm_async_init: depth is the maximum of outstanding commands; 0 selects 64, more than 65536
 * fails with EINVAL. flags are ignored. NULL with errno on failure. */
struct nvm_async_ctx *nvm_async_init(struct nvm_dev *dev, uint32_t depth, uint16_t flags);
/* Free ctx. -1 with EBUSY while commands are outstanding (wait for them first), else 0. */
int nvm_async_term(struct nvm_dev *dev, struct nvm_async_ctx *ctx);
/* Run the callbacks of at most max completed commands (0: all completed), on this thread, in
 * completion order; never blocks. A command stops counting as outstanding and its slot is freed
 * just before its callback runs, so a callback may submit again. Returns the number processed
 * (possibly 0), or -1 with EINVAL. */
int nvm_async_poke(struct nvm_dev *dev, struct nvm_async_ctx *ctx, uint32_t max);
/* Block (sleeping, not spinning) until nothing is outstanding, running callbacks as commands
 * complete, including those of commands submitted by callbacks. Returns the number processed. */
int nvm_async_wait(struct nvm_dev *dev, struct nvm_async_ctx *ctx);
/* The context's depth (0 for NULL). */
uint32_t nvm_async_get_depth(struct nvm_async_ctx *ctx);
/* Commands submitted whose callback has not yet started (0 for NULL). */
uint32_t nvm_async_get_outstanding(struct nvm_async_ctx *ctx);

/* Commands. Vector mode (default, or NVM_CMD_VECTOR): addrs holds naddrs one-sector addresses;
 * scalar mode (NVM_CMD_SCALAR): addrs[0] is the first of naddrs consecutive sectors in one chunk
 * (sectors past the chunk's end are outside the geometry; they never spill into the next chunk).
 * Both modes take 1..NVM_NADDR_MAX sectors. data holds naddrs * nbytes bytes in address order;
 * meta (optional, may be NULL) naddrs * nbytes_oob.
 *
 * Synchronous commands (NVM_CMD_SYNC, or no NVM_CMD_ASYNC) return 0, or -1 with errno EIO for a
 * media error with the status in ret (ret may be NULL). NVM_CMD_ASYNC commands return 0 once
 * queued, before the I/O happens, or -1 with EINVAL (malformed call: naddrs outside 1..64, NULL
 * addrs/data, no ret or ret->async.ctx of another device, SYNC with ASYNC, SCALAR with VECTOR)
 * or EAGAIN (depth commands outstanding); nothing is queued on failure. The media status arrives
 * in ret->status with the completion, for the lowest address index that failed.
 *
 * Writes: the addresses into one chunk form a chunk run that must start at the write pointer,
 * continue consecutively and count a multiple of ws_min sectors. A run is checked completely
 * before any of it is applied, so it is all-or-nothing; other runs of the same command still
 * apply. Statuses: 0x280 CLOSED/OFFLINE chunk or address outside the geometry, 0x002 run not a
 * multiple of ws_min, 0x2F2 run not at the write pointer. Reads of unwritten sectors (FREE or
 * OFFLINE chunk, at or beyond the write pointer, within mw_cunits below the write pointer of an
 * OPEN chunk, outside the geometry) return zero bytes, or fail with 0x287 when DULBE is set.
 * Commands to one chunk take effect in submission order. */
int nvm_cmd_read(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, void *data, void *meta,
		 uint16_t flags, struct nvm_ret *ret);
int nvm_cmd_write(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, const void *data,
		  const void *meta, uint16_t flags, struct nvm_ret *ret);
/* Reset chunks: in both modes each of the naddrs addresses names a chunk (its sector field is
 * ignored); meta is ignored. Each chunk is reset on its own: CLOSED -> FREE (write pointer 0,
 * wear index grows); OPEN or outside the geometry -> 0x2C1; OFFLINE -> 0x2C0; FREE -> success if
 * mccap has NVM_MCCAP_MULTIPLE_RESETS, else 0x2C1. */
int nvm_cmd_erase(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, void *meta,
		  uint16_t flags, struct nvm_ret *ret);
/* Copy naddrs sectors from src[i] to dst[i] (scalar mode: from src[0] on to dst[0] on), data and
 * metadata (OOB) alike: reads follow the read rules, then dst follows the write rules, so a
 * destination sector reads back the source's data and metadata. -1 with ENOTSUP when mccap lacks
 * NVM_MCCAP_VCOPY. */
int nvm_cmd_copy(struct nvm_dev *dev, struct nvm_addr src[], struct nvm_addr dst[], int naddrs,
		 uint16_t flags, struct nvm_ret *ret);
/* Chunk report. addr NULL: every chunk of the device, npugrp * npunit * nchunk descriptors in
 * (pugrp, punit, chunk) order. Any other addr, the all-zero address included: nchunk descriptors
 * of the report log page from offset nvm_addr_gen2lpo(addr), i.e. from the linear chunk index
 * (pugrp * npunit + punit) * nchunk + chunk on; with chunk 0 these are exactly the chunks of addr's
 * parallel unit, with chunk > 0 they continue into the next unit. Fails with EINVAL and status
 * 0x002 when addr's pugrp/punit/chunk lie outside the geometry or the device has fewer than
 * nchunk chunks from that index on. descr.addr is the device-format address (nvm_addr_gen2dev) of
 * the chunk's first sector. opt is ignored. NULL with errno on failure; free the report with
 * nvm_buf_free. */
struct nvm_spec_rprt *nvm_cmd_rprt(struct nvm_dev *dev, struct nvm_addr *addr, int opt,
				   struct nvm_ret *ret);
/* Fill addrs with the generic addresses (sector 0) of naddrs distinct chunks whose state is cs:
 * the first such chunks in (pugrp, punit, chunk) order. Returns 0 on success (as liblightnvm), or
 * -1 with errno EINVAL (bad cs or naddrs < 0) or ENOSPC (fewer than naddrs such chunks). */
int nvm_cmd_rprt_arbs(struct nvm_dev *dev, int cs, int naddrs, struct nvm_addr addrs[]);
/* Get/set a feature; only NVM_FEAT_ERROR_RECOVERY is supported by the model (EINVAL otherwise). */
int nvm_cmd_gfeat(struct nvm_dev *dev, enum nvm_nvme_feat_id id, union nvm_nvme_feat *feat,
		  struct nvm_ret *ret);
int nvm_cmd_sfeat(struct nvm_dev *dev, enum nvm_nvme_feat_id id, const union nvm_nvme_feat *feat,
		  struct nvm_ret *ret);

/* Addresses. nvm_addr_check: 0 when addr lies inside dev's geometry, else a mask of the offending
 * fields: NVM_BOUNDS_PUGRP pugrp, NVM_BOUNDS_PUNIT punit, NVM_BOUNDS_CHUNK chunk, NVM_BOUNDS_SECTR
 * sectr; -1 with EINVAL for a NULL dev.
 * Device format (gen2dev/dev2gen): an LBA of bit fields, each ceil(log2(n)) bits wide for a
 * geometry dimension of n: sectr lowest, then chunk, punit, pugrp. Defined for addresses inside
 * the geometry. */
int nvm_addr_check(struct nvm_addr addr, const struct nvm_dev *dev);
uint64_t nvm_addr_gen2dev(struct nvm_dev *dev, struct nvm_addr addr);
struct nvm_addr nvm_addr_dev2gen(struct nvm_dev *dev, uint64_t addr);

/* Zero *ret (NULL is ignored). */
void nvm_ret_clear(struct nvm_ret *ret);

#ifdef __cplusplus
}
#endif

#endif /* LIBLIGHTNVM_H */
