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
#include <sys/types.h>

#include "liblightnvm_spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Command flags: the uint16_t flags of nvm_cmd_*. */
#define NVM_CMD_SYNC 0x10
#define NVM_CMD_ASYNC 0x20
#define NVM_CMD_SCALAR 0x40
#define NVM_CMD_VECTOR 0x80
#define NVM_CMD_PRP 0x100
/* data (and with NVM_CMD_SGL_META also meta) is a struct nvm_sgl * rather than a buffer */
#define NVM_CMD_SGL 0x200
#define NVM_CMD_SGL_META 0x400
/* passthrough kinds of nvm_cmd_pass (unsupported by the model) */
#define NVM_CMD_PIOC 0x800
#define NVM_CMD_PADC 0x1000

/* Lengths of a device's name and path, as liblightnvm stores them (longer paths are kept whole by
 * the model; liblightnvm's own programs refuse longer ones). */
#define NVM_DEV_NAME_LEN 32
#define NVM_DEV_PATH_LEN (NVM_DEV_NAME_LEN + 5)

/* Backend identifiers (nvm_dev_openf flags, nvm_dev_get_be_id). The model is a backend of its
 * own: nvm_dev_openf accepts any of these and nvm_dev_get_be_id reports NVM_BE_ANY. */
enum nvm_be_id {
	NVM_BE_ANY = 0x0,
	NVM_BE_IOCTL = 0x1,
	NVM_BE_LBD = 0x1 << 1,
	NVM_BE_SPDK = 0x1 << 2,
	NVM_BE_NOCD = 0x1 << 3,
};
#define NVM_BE_ALL (NVM_BE_IOCTL | NVM_BE_LBD | NVM_BE_SPDK | NVM_BE_NOCD)

/* Scrambler flag of OCSSD 1.2 commands; ignored. */
#define NVM_FLAG_SCRBL 0x200

/* Plane modes of OCSSD 1.2; a 2.0 device has no planes, so only SNGL applies. */
enum nvm_pmode {
	NVM_FLAG_PMODE_SNGL = 0x0,
	NVM_FLAG_PMODE_DUAL = 0x1,
	NVM_FLAG_PMODE_QUAD = 0x1 << 1
};
#define NVM_FLAG_DEFAULT (NVM_FLAG_PMODE_SNGL | NVM_FLAG_SCRBL)

/* Device quirks (nvm_dev_get/set_quirks): stored per handle, change nothing in the model. */
enum nvm_quirks {
	NVM_QUIRK_PMODE_ERASE_RUNROLL = 0x1,
	NVM_QUIRK_NSID_BY_NAMECONV = 0x1 << 1,
	NVM_QUIRK_OOB_READ_1ST4BYTES_NULL = 0x1 << 2,
	NVM_QUIRK_OOB_2LRG = 0x1 << 3,
};

/* Metadata that nvm_vblk writes with its data (nvm_dev_set_meta_mode): none, the alphabet
 * pattern of nvm_buf_fill, or one constant byte. */
enum nvm_meta_mode {
	NVM_META_MODE_NONE = 0x0,
	NVM_META_MODE_ALPHA = 0x1,
	NVM_META_MODE_CONST = 0x1 << 1
};

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
	NVM_FEAT_MEDIA_FEEDBACK = 0xCA,
	/* liblightnvm's names for the same identifiers */
	NVM_NVME_FEAT_ERROR_RECOVERY = 0x5,
	NVM_NVME_FEAT_MEDIA_FEEDBACK = 0xCA
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

/* Print a chunk descriptor / a whole report (YAML-like, to stdout); NULL prints "~". */
void nvm_spec_rprt_descr_pr(const struct nvm_spec_rprt_descr *descr);
void nvm_spec_rprt_pr(const struct nvm_spec_rprt *rprt);

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
 * (durable mode, as for an image made with lnvm-mkimage --durable: a write, reset or copy
 * completes only once its data, metadata and chunk state are on stable storage, so it survives
 * power loss; one fdatasync covers every such command that finished while the previous one ran
 * (group commit). Otherwise a completion survives the death of the process but not power loss.
 * See FORMAT.md), LNVM_MODEL_SPIN_US (how long a worker that
 * ran out of work keeps polling its queue, yielding the CPU, before it sleeps; default 20, 0
 * sleeps at once), LNVM_MODEL_DISCARD=0 (keep a reset chunk's data blocks instead of punching
 * them out; reads are unaffected; the default on an image made with lnvm-mkimage --preallocate,
 * where LNVM_MODEL_DISCARD=1 punches them). */
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

/* Asynchronous contexts. A context is used by one thread at a
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
 * Commands to one chunk take effect in submission order.
 * Injected faults (per chunk, set with lnvm-fault; see FORMAT.md): reads of chosen sectors return
 * their data with 0x2D0; writes to a faulty chunk fail with 0x280; an early-close chunk takes its
 * next write and closes with 0x2F1; a worn-out chunk's reset fails with 0x2C0 and takes it
 * OFFLINE. */
int nvm_cmd_read(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, void *data, void *meta,
		 uint16_t flags, struct nvm_ret *ret);
int nvm_cmd_write(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, const void *data,
		  const void *meta, uint16_t flags, struct nvm_ret *ret);
/* Reset chunks: in both modes each of the naddrs addresses names a chunk (its sector field is
 * ignored). meta (optional) is an array of naddrs struct nvm_spec_rprt_descr that receives each
 * chunk's descriptor after the command, as a vector reset's metadata does. Each chunk is reset on
 * its own: CLOSED -> FREE (write pointer 0, wear index grows); OPEN or outside the geometry ->
 * 0x2C1; OFFLINE -> 0x2C0; FREE -> success if mccap has NVM_MCCAP_MULTIPLE_RESETS, else 0x2C1. */
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

/* ---- Printers: YAML-like text on stdout, in liblightnvm's formats. NULL prints "~". ---- */

/* "Ver { major(M), minor(m), patch(p) }" (no newline). */
void nvm_ver_pr(void);
/* "bounds:" and one "- field" line per bit of an nvm_addr_check mask ("bounds: ~" for 0). */
void nvm_bounds_pr(int mask);
/* "nvm_ret: {result: {cdw0: 0x.., vio: {cs: 0x..}}, status: 0x..}". */
void nvm_ret_pr(const struct nvm_ret *ret);
/* The geometry's 2.0 fields, tbytes and tmbytes. */
void nvm_geo_pr(const struct nvm_geo *geo);
/* "SNGL", "DUAL", "QUAD" or "UNKN". */
const char *nvm_pmode_str(int pmode);
/* A device's attributes (verid, be_id, name, path, fd, ssw, mccap, bbts_cached, quirks). */
void nvm_dev_attr_pr(const struct nvm_dev *dev);
/* Attributes, geometry, command and vblk options and address formats of a device. */
void nvm_dev_pr(const struct nvm_dev *dev);

/* ---- Device attributes and per-handle options ---- */

/* The image file's descriptor (shared by every handle of the image); -1 with EINVAL for NULL. */
int nvm_dev_get_fd(const struct nvm_dev *dev);
/* NVMe namespace identifier: always 1. */
int nvm_dev_get_nsid(const struct nvm_dev *dev);
/* NVMe identify-namespace data (see struct nvm_nvme_ns); NULL with EINVAL for NULL. */
const struct nvm_nvme_ns *nvm_dev_get_ns(const struct nvm_dev *dev);
/* The device address format: lengths (lbaf); the 1.2 formats are all zero on the model. */
const struct nvm_spec_lbaf *nvm_dev_get_lbaf(const struct nvm_dev *dev);
const struct nvm_spec_ppaf_nand *nvm_dev_get_ppaf(const struct nvm_dev *dev);
const struct nvm_spec_ppaf_nand_mask *nvm_dev_get_ppaf_mask(const struct nvm_dev *dev);
/* The backend: NVM_BE_ANY for the model. */
int nvm_dev_get_be_id(const struct nvm_dev *dev);
/* Options of this handle, used by nvm_vblk_* and printers only. Setters return 0, or -1 with
 * EINVAL for a value out of range: pmode other than NVM_FLAG_PMODE_SNGL (a 2.0 device has no
 * planes), an unknown meta_mode, bbts_cached other than 0/1, naddrs_max outside 1..NVM_NADDR_MAX.
 * Defaults: SNGL, NVM_META_MODE_NONE, quirks 0, bbts_cached 0, every naddrs_max NVM_NADDR_MAX. */
int nvm_dev_get_pmode(const struct nvm_dev *dev);
int nvm_dev_set_pmode(struct nvm_dev *dev, int pmode);
int nvm_dev_get_meta_mode(const struct nvm_dev *dev);
int nvm_dev_set_meta_mode(struct nvm_dev *dev, int meta_mode);
int nvm_dev_get_quirks(const struct nvm_dev *dev);
int nvm_dev_set_quirks(struct nvm_dev *dev, int quirks);
int nvm_dev_get_bbts_cached(const struct nvm_dev *dev);
int nvm_dev_set_bbts_cached(struct nvm_dev *dev, int bbts_cached);
int nvm_dev_get_erase_naddrs_max(const struct nvm_dev *dev);
int nvm_dev_set_erase_naddrs_max(struct nvm_dev *dev, int naddrs);
int nvm_dev_get_read_naddrs_max(const struct nvm_dev *dev);
int nvm_dev_set_read_naddrs_max(struct nvm_dev *dev, int naddrs);
int nvm_dev_get_write_naddrs_max(const struct nvm_dev *dev);
int nvm_dev_set_write_naddrs_max(struct nvm_dev *dev, int naddrs);

/* ---- Administrative commands ---- */

/* OCSSD 2.0 geometry (identify) data of the device: verid 2, lbaf, mccap, lgeo and wrt from the
 * image; free it with nvm_buf_free. NULL with errno (EINVAL for NULL dev, ENOMEM). */
struct nvm_spec_idfy *nvm_cmd_idfy(struct nvm_dev *dev, struct nvm_ret *ret);
/* NVMe passthrough: the model executes no raw NVMe commands: -1 with errno ENOSYS, ret->status
 * 0x001 (invalid opcode) when ret is given. */
int nvm_cmd_pass(struct nvm_dev *dev, struct nvm_nvme_cmd *cmd, void *data, size_t data_nbytes,
		 void *meta, size_t meta_nbytes, int flags, struct nvm_ret *ret);

/* ---- Bad-block tables. OCSSD 2.0 has none on the device; the model derives one per parallel
 * unit from chunk states and writes marks through them: block i of the table of PU
 * (addr.l.pugrp, addr.l.punit) is chunk i of that PU, so nblks == nchunk. A chunk's state reads
 * NVM_BBT_FREE unless the chunk is OFFLINE: then it reads the mark that took it offline
 * (NVM_BBT_BAD for chunks created offline). ---- */

enum nvm_bbt_state {
	NVM_BBT_FREE = 0x0,	 /* good */
	NVM_BBT_BAD = 0x1,	 /* bad from the factory */
	NVM_BBT_GBAD = 0x1 << 1, /* grown bad */
	NVM_BBT_DMRK = 0x1 << 2, /* marked by the device */
	NVM_BBT_HMRK = 0x1 << 3	 /* marked by the host */
};

/* A bad-block table of one parallel unit: 40-byte header, then nblks state bytes. */
struct nvm_bbt {
	struct nvm_dev *dev;
	struct nvm_addr addr; /* the PU (pugrp, punit; chunk and sectr 0) */
	uint64_t nblks;
	uint32_t nbad;
	uint32_t ngbad;
	uint32_t ndmrk;
	uint32_t nhmrk;
	uint8_t blks[];
};

/* The device-format table of addr's PU (header counts, one NVM_BBT_* byte per chunk); free it
 * with nvm_buf_free. NULL with EINVAL (and status 0x002) when addr's PU is outside the geometry. */
struct nvm_spec_bbt *nvm_cmd_gbbt(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret);
/* Mark naddrs chunks (pugrp/punit/chunk of each address) with the state flags (an
 * enum nvm_bbt_state): NVM_BBT_FREE brings an OFFLINE chunk back as FREE with write pointer 0 and
 * leaves other chunks alone; any other state takes the chunk OFFLINE and is remembered as its
 * mark. Persistent. 0, or -1 with EINVAL (bad state, naddrs outside 1..NVM_NADDR_MAX, an address
 * outside the geometry: nothing is marked) or EIO (the image could not be written). */
int nvm_cmd_sbbt(struct nvm_dev *dev, struct nvm_addr *addrs, int naddrs, uint16_t flags,
		 struct nvm_ret *ret);
/* Fill addrs with naddrs chunk addresses whose bad-block state is bs, the first in (pugrp,
 * punit, chunk) order. 0, or -1 with EINVAL (bad bs or naddrs) or ENOSPC (too few). */
int nvm_cmd_gbbt_arbs(struct nvm_dev *dev, int bs, int naddrs, struct nvm_addr addrs[]);

/* The table of addr's PU as a struct nvm_bbt. The model keeps no cache (bbts_cached is an option
 * only): every call reads the chunk states anew, and the returned table is valid until the next
 * nvm_bbt_get of the same PU on this handle, or nvm_dev_close. NULL with errno on failure. */
const struct nvm_bbt *nvm_bbt_get(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret);
/* Write a whole table back: each chunk is marked with its blks[] state as nvm_cmd_sbbt does. 0,
 * or -1 with EINVAL (NULL, nblks != nchunk, bad state) or EIO. */
int nvm_bbt_set(struct nvm_dev *dev, const struct nvm_bbt *bbt, struct nvm_ret *ret);
/* As nvm_cmd_sbbt. */
int nvm_bbt_mark(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, uint16_t flags,
		 struct nvm_ret *ret);
/* Marks are written through at once, so flushing has nothing to do: 0 (EINVAL for NULL dev). */
int nvm_bbt_flush(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret);
int nvm_bbt_flush_all(struct nvm_dev *dev, struct nvm_ret *ret);
/* A heap copy of bbt; free it with nvm_bbt_free. NULL with errno on failure. */
struct nvm_bbt *nvm_bbt_alloc_cp(const struct nvm_bbt *bbt);
void nvm_bbt_free(struct nvm_bbt *bbt);
void nvm_bbt_pr(const struct nvm_bbt *bbt);
/* "FREE", "BAD", "GBAD", "DMRK", "HMRK" or "UNKN", no newline. */
void nvm_bbt_state_pr(int state);

/* ---- Buffers ---- */

/* As nvm_buf_alloc for a buffer of nbytes; the old contents are kept up to the smaller size and
 * new bytes are zero. buf NULL allocates. NULL with errno on failure (buf stays valid). */
void *nvm_buf_realloc(const struct nvm_dev *dev, void *buf, size_t nbytes, uint64_t *phys);
/* The model's buffers need no translation: *phys = the buffer's address. -1 with EINVAL for a
 * NULL phys or buf. */
int nvm_buf_vtophys(const struct nvm_dev *dev, void *buf, uint64_t *phys);
/* Plain aligned memory (alignment a power of two); NULL with EINVAL for nbytes 0. */
void *nvm_buf_virt_alloc(size_t alignment, size_t nbytes);
void nvm_buf_virt_free(void *buf);
/* Fill with the repeating alphabet 'A'..'Z' (byte i is 'A' + i % 26). */
void nvm_buf_fill(char *buf, size_t nbytes);
/* Print the bytes as characters, 32 a line. */
void nvm_buf_pr(const char *buf, size_t nbytes);
/* The number of bytes that differ. */
size_t nvm_buf_diff(const char *expected, const char *actual, size_t nbytes);
/* Print each differing byte, then the totals. */
void nvm_buf_diff_pr(const char *expected, const char *actual, size_t nbytes);
/* Write / read exactly nbytes to / from the file at path. 0, or -1 with errno (EINVAL for a
 * short transfer). */
int nvm_buf_to_file(char *buf, size_t nbytes, const char *path);
int nvm_buf_from_file(char *buf, size_t nbytes, const char *path);

/* A write buffer and a read buffer of nbytes each, and metadata buffers of nbytes_meta each
 * (NULL when 0): 56 bytes. */
struct nvm_buf_set {
	struct nvm_dev *dev;
	char *write;
	char *write_meta;
	char *read;
	char *read_meta;
	size_t nbytes;
	size_t nbytes_meta;
};

struct nvm_buf_set *nvm_buf_set_alloc(struct nvm_dev *dev, size_t nbytes, size_t nbytes_meta);
/* Fill the write buffers with nvm_buf_fill's pattern and zero the read buffers. */
void nvm_buf_set_fill(struct nvm_buf_set *bufs);
void nvm_buf_set_free(struct nvm_buf_set *bufs);
void nvm_buf_set_pr(struct nvm_buf_set *bufs);

/* ---- Addresses (conversions beyond gen2dev/dev2gen) ---- */

/* Log-page offset of addr's chunk descriptor: ((pugrp * npunit + punit) * nchunk + chunk) * 32;
 * lpo2gen is its inverse (sectr 0). */
uint64_t nvm_addr_gen2lpo(struct nvm_dev *dev, struct nvm_addr addr);
struct nvm_addr nvm_addr_lpo2gen(struct nvm_dev *dev, uint64_t lpo);
/* Byte offsets: a device address shifted left by log2(nbytes), and back. */
uint64_t nvm_addr_gen2off(struct nvm_dev *dev, struct nvm_addr addr);
struct nvm_addr nvm_addr_off2gen(struct nvm_dev *dev, uint64_t off);
uint64_t nvm_addr_dev2off(struct nvm_dev *dev, uint64_t addr);
uint64_t nvm_addr_off2dev(struct nvm_dev *dev, uint64_t off);
/* addrs[i] = addr with sectr + i, for i < naddrs. */
void nvm_addr_fill_crange(struct nvm_addr *addrs, struct nvm_addr addr, uint32_t naddrs);
/* "0x%016x" of addr.val, no newline. */
void nvm_addr_pr(const struct nvm_addr addr);
/* "naddrs: N", "addrs:" and one "  - {val: .., pugrp: .., punit: .., chunk: .., sectr: ..}"
 * line per address. */
void nvm_addr_prn(const struct nvm_addr *addr, unsigned int naddrs, const struct nvm_dev *dev);

/* ---- Scatter-gather lists: the data (NVM_CMD_SGL) or metadata (NVM_CMD_SGL_META) of a read
 * or write as a list of segments; the command gathers a write's bytes from them in order and
 * scatters a read's into them on completion (for NVM_CMD_ASYNC, before the callback runs). The
 * segments must hold naddrs * nbytes (naddrs * nbytes_oob) bytes, else the command fails with
 * EINVAL. ---- */

struct nvm_sgl;
struct nvm_sgl_pool;

/* A pool that recycles SGLs; destroying it destroys the SGLs still in it. NULL with errno. */
struct nvm_sgl_pool *nvm_sgl_pool_create(struct nvm_dev *dev);
void nvm_sgl_pool_destroy(struct nvm_sgl_pool *pool);
/* An empty SGL (hint: expected number of segments, may be 0). NULL with errno. */
struct nvm_sgl *nvm_sgl_create(struct nvm_dev *dev, int hint);
/* An empty SGL from pool. NULL with errno. */
struct nvm_sgl *nvm_sgl_alloc(struct nvm_sgl_pool *pool);
void nvm_sgl_destroy(struct nvm_dev *dev, struct nvm_sgl *sgl);
/* Empty sgl and return it to pool. */
void nvm_sgl_free(struct nvm_sgl_pool *pool, struct nvm_sgl *sgl);
/* Remove every segment. */
void nvm_sgl_reset(struct nvm_sgl *sgl);
/* Append nbytes at buf. 0, or -1 with errno (EINVAL for NULL or 0 bytes, ENOMEM). */
int nvm_sgl_add(struct nvm_dev *dev, struct nvm_sgl *sgl, void *buf, size_t nbytes);

/* ---- Virtual blocks: a set of chunks written and read as one striped byte range. Virtual
 * sector v lives in chunk (v / ws_opt) % nchunks at sector (v / ws_opt / nchunks) * ws_opt +
 * v % ws_opt: consecutive ws_opt-sector units go round-robin over the chunks. Offsets and counts
 * must be multiples of ws_opt * nbytes (EINVAL otherwise). Commands are issued in vector mode (or
 * scalar after nvm_vblk_set_scalar), synchronously or, after nvm_vblk_set_async, on an async
 * context of the vblk's own with up to depth commands in flight. I/O functions return the
 * number of bytes transferred, or -1 with errno (EIO when a command failed; the rest still
 * ran). ---- */

struct nvm_vblk;

/* A vblk over naddrs (1..128) chunk addresses (their sectr is ignored). NULL with EINVAL when an
 * address lies outside the geometry or naddrs is out of range. */
struct nvm_vblk *nvm_vblk_alloc(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs);
/* A vblk over chunk blk of every PU (pugrp in ch_bgn..ch_end, punit in lun_bgn..lun_end,
 * inclusive), punit-major. NULL with EINVAL for a range outside the geometry. */
struct nvm_vblk *nvm_vblk_alloc_line(struct nvm_dev *dev, int ch_bgn, int ch_end, int lun_bgn,
				     int lun_end, int blk);
/* Use an async context of depth (0 selects 64, at most 65536) for the vblk's I/O. 0, or -1 with
 * errno. */
int nvm_vblk_set_async(struct nvm_vblk *vblk, uint32_t depth);
/* Issue scalar commands instead of vector ones. 0. */
int nvm_vblk_set_scalar(struct nvm_vblk *vblk);
/* Free vblk (and its async context). NULL is ignored. */
void nvm_vblk_free(struct nvm_vblk *vblk);
/* Reset every chunk (up to erase_naddrs_max per command) and rewind both positions: nbytes of
 * the vblk, or -1 with EIO. */
ssize_t nvm_vblk_erase(struct nvm_vblk *vblk);
/* Write count bytes at offset (buf NULL writes nvm_buf_fill's pattern); the pwrite ignores and
 * write advances pos_write. Metadata per nvm_dev_get_meta_mode. */
ssize_t nvm_vblk_pwrite(struct nvm_vblk *vblk, const void *buf, size_t count, size_t offset);
ssize_t nvm_vblk_write(struct nvm_vblk *vblk, const void *buf, size_t count);
/* Write the pattern from pos_write to the end, closing every chunk. */
ssize_t nvm_vblk_pad(struct nvm_vblk *vblk);
/* Read count bytes at offset; read advances pos_read. */
ssize_t nvm_vblk_pread(struct nvm_vblk *vblk, void *buf, size_t count, size_t offset);
ssize_t nvm_vblk_read(struct nvm_vblk *vblk, void *buf, size_t count);
/* Copy every sector of src to the same virtual sector of dst (both of one device and the same
 * number of chunks; dst's chunks FREE) with vector copy commands; flags is ignored. nbytes of
 * dst, or -1 with errno (EINVAL for mismatched vblks, ENOTSUP without NVM_MCCAP_VCOPY, EIO). */
ssize_t nvm_vblk_copy(struct nvm_vblk *src, struct nvm_vblk *dst, int flags);
struct nvm_dev *nvm_vblk_get_dev(struct nvm_vblk *vblk);
struct nvm_addr *nvm_vblk_get_addrs(struct nvm_vblk *vblk);
int nvm_vblk_get_naddrs(struct nvm_vblk *vblk);
/* Bytes of the vblk: nchunks * nsectr * nbytes. */
size_t nvm_vblk_get_nbytes(struct nvm_vblk *vblk);
size_t nvm_vblk_get_pos_read(struct nvm_vblk *vblk);
size_t nvm_vblk_get_pos_write(struct nvm_vblk *vblk);
/* Set a position (at most nbytes). 0, or -1 with EINVAL. */
int nvm_vblk_set_pos_read(struct nvm_vblk *vblk, size_t pos);
int nvm_vblk_set_pos_write(struct nvm_vblk *vblk, size_t pos);
void nvm_vblk_pr(struct nvm_vblk *vblk);

/* ---- Boilerplate for example programs: a device, naddrs FREE chunks, a vblk over them and a
 * buffer set of the vblk's size (write buffer filled) ---- */

/* 48 bytes, then naddrs addresses. */
struct nvm_bp {
	struct nvm_dev *dev;
	const struct nvm_geo *geo;
	struct nvm_buf_set *bufs;
	struct nvm_vblk *vblk;
	size_t ws_opt;
	size_t naddrs;
	struct nvm_addr addrs[];
};

/* Open dev_ident (flags as nvm_dev_openf) and set up naddrs chunks. NULL with errno (perror'd). */
struct nvm_bp *nvm_bp_init(const char *dev_ident, int flags, int naddrs);
/* argv: PROGRAM DEV [BE_ID (hex) [NADDRS]]; NADDRS defaults to 1. NULL with EINVAL otherwise. */
struct nvm_bp *nvm_bp_init_from_args(int argc, char **argv);
/* Free bp's buffers and vblk and close its device. NULL is ignored. */
void nvm_bp_term(struct nvm_bp *bp);
void nvm_bp_pr(const struct nvm_bp *bp);

#ifdef __cplusplus
}
#endif

#endif /* LIBLIGHTNVM_H */
