/*
 * liblightnvm_spec.h: the device-side structures of liblightnvm's ABI (identify, address
 * formats, NVMe namespace, bad-block table), with liblightnvm 0.1.x's layouts on x86-64. Included
 * by liblightnvm.h; sizes are pinned by static asserts in src/abi_asserts.c.
 */
#ifndef LIBLIGHTNVM_SPEC_H
#define LIBLIGHTNVM_SPEC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Open-Channel SSD specification revision (nvm_dev_get_verid); the model is always 2.0. */
enum nvm_spec_verid {
	NVM_SPEC_VERID_12 = 0x1,
	NVM_SPEC_VERID_20 = 0x2,
};

/* OCSSD 2.0 logical address format: the bit length of each field of a device address: 8 bytes. */
struct nvm_spec_lbaf {
	uint8_t pugrp;
	uint8_t punit;
	uint8_t chunk;
	uint8_t sectr;
	uint8_t rsvd[4];
};

/* Bit offsets of the device address fields: 32 bytes. */
struct nvm_spec_lbaz {
	uint64_t pugrp;
	uint64_t punit;
	uint64_t chunk;
	uint64_t sectr;
};

/* Masks of the device address fields: 32 bytes. */
struct nvm_spec_lbam {
	uint64_t pugrp;
	uint64_t punit;
	uint64_t chunk;
	uint64_t sectr;
};

/* OCSSD 1.2 physical address format (offsets and lengths): 16 bytes; all zero on 2.0 devices. */
struct nvm_spec_ppaf_nand {
	union {
		struct {
			uint8_t ch_off;
			uint8_t ch_len;
			uint8_t lun_off;
			uint8_t lun_len;
			uint8_t pl_off;
			uint8_t pl_len;
			uint8_t blk_off;
			uint8_t blk_len;
			uint8_t pg_off;
			uint8_t pg_len;
			uint8_t sec_off;
			uint8_t sec_len;
			uint8_t rsvd[4];
		} n;
		uint8_t a[16];
	};
};

/* OCSSD 1.2 physical address masks: 48 bytes; all zero on 2.0 devices. */
struct nvm_spec_ppaf_nand_mask {
	union {
		struct {
			uint64_t ch;
			uint64_t lun;
			uint64_t pl;
			uint64_t blk;
			uint64_t pg;
			uint64_t sec;
		} n;
		uint64_t a[6];
	};
};

/* OCSSD 2.0 geometry part of the identify data: 64 bytes. */
struct nvm_spec_lgeo {
	uint16_t npugrp;
	uint16_t npunit;
	uint32_t nchunk;
	uint32_t nsectr;
	uint8_t resv[52];
};

/* OCSSD 2.0 write data requirements: 64 bytes. */
struct nvm_spec_wrt {
	uint32_t ws_min;
	uint32_t ws_opt;
	uint32_t mw_cunits;
	uint32_t maxoc;	  /* maximum open chunks (0: no limit) */
	uint32_t maxocpu; /* maximum open chunks per PU (0: no limit) */
	uint8_t resv[44];
};

/* OCSSD 2.0 performance-related metrics (typical/max times in microseconds): 64 bytes. */
struct nvm_spec_perf {
	uint32_t trdt;
	uint32_t trdm;
	uint32_t twrt;
	uint32_t twrm;
	uint32_t tcet;
	uint32_t tcem;
	uint8_t resv[40];
};

/* OCSSD 2.0 geometry command data: 4096 bytes. */
struct nvm_spec_idfy_s20 {
	uint8_t verid;
	uint8_t verid_minor;
	uint8_t rsvd1[6];
	struct nvm_spec_lbaf lbaf;
	uint32_t mccap;
	uint8_t rsvd2[12];
	uint8_t wit; /* wear-level index delta threshold */
	uint8_t rsvd3[31];
	struct nvm_spec_lgeo lgeo;
	struct nvm_spec_wrt wrt;
	struct nvm_spec_perf perf;
	uint8_t rsvd4[2816];
	uint8_t vndr[1024];
};

/* Identify data of either revision: 4096 bytes; s.verid tells which view applies. */
struct nvm_spec_idfy {
	union {
		struct nvm_spec_idfy_s20 s20;
		struct {
			uint8_t verid;
			uint8_t verid_minor;
			uint8_t rsvd[4094];
		} s;
	};
};

/* OCSSD 1.2 bad-block table as the device returns it: a 64-byte header, then one state byte per
 * block. */
struct nvm_spec_bbt {
	uint8_t tblid[4];
	uint16_t verid;
	uint16_t revid;
	uint32_t rvsd1;
	uint32_t tblks;
	uint32_t tfact;
	uint32_t tgrown;
	uint32_t tdresv;
	uint32_t thresv;
	uint32_t rsvd2[8];
	uint8_t blk[];
};

/* One NVMe LBA format: 4 bytes. */
struct nvm_nvme_lbaf {
	uint16_t ms; /* metadata bytes per LBA */
	uint8_t ds;  /* LBA data size, as a power of two */
	uint8_t rp;  /* relative performance */
};

/* NVMe identify-namespace data: 4096 bytes. The model fills nsze, ncap and nuse (sectors of the
 * device), nlbaf 0, flbas 0, lbaf[0] (nbytes_oob and log2(nbytes)) and dlfeat 0x1 (deallocated
 * sectors read as zero bytes). */
struct nvm_nvme_ns {
	uint64_t nsze;
	uint64_t ncap;
	uint64_t nuse;
	uint8_t nsfeat;
	uint8_t nlbaf;
	uint8_t flbas;
	uint8_t mc;
	uint8_t dpc;
	uint8_t dps;
	uint8_t nmic;
	uint8_t rescap;
	uint8_t fpi;
	uint8_t dlfeat;
	uint16_t nawun;
	uint16_t nawupf;
	uint16_t nacwu;
	uint16_t nabsn;
	uint16_t nabo;
	uint16_t nabspf;
	uint16_t noiob;
	uint8_t nvmcap[16];
	uint8_t rsvd64[40];
	uint8_t nguid[16];
	uint8_t eui64[8];
	struct nvm_nvme_lbaf lbaf[16];
	uint8_t rsvd192[192];
	uint8_t vs[3712];
};

/* An NVMe command (64 bytes) for nvm_cmd_pass; the model does not take passthrough commands. */
struct nvm_nvme_cmd;

/* Print the command's 16 dwords: flags 0 in binary, otherwise in hex. */
void nvm_nvme_cmd_pr(struct nvm_nvme_cmd *cmd, int flags);

/* Printers (YAML-like, to stdout); NULL prints "~". */
void nvm_spec_lbaf_pr(const struct nvm_spec_lbaf *lbaf);
void nvm_spec_lbaz_pr(const struct nvm_spec_lbaz *lbaz);
void nvm_spec_lbam_pr(const struct nvm_spec_lbam *lbam);
void nvm_spec_ppaf_nand_pr(const struct nvm_spec_ppaf_nand *ppaf);
void nvm_spec_ppaf_nand_mask_pr(const struct nvm_spec_ppaf_nand_mask *mask);
void nvm_spec_lgeo_pr(const struct nvm_spec_lgeo *lgeo);
void nvm_spec_wrt_pr(const struct nvm_spec_wrt *wrt);
/* quirks is accepted for liblightnvm compatibility and ignored. */
void nvm_spec_idfy_pr(const struct nvm_spec_idfy *idfy, int quirks);
void nvm_spec_bbt_pr(const struct nvm_spec_bbt *bbt);

#ifdef __cplusplus
}
#endif

#endif /* LIBLIGHTNVM_SPEC_H */
