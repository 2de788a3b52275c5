/*
 * printers.c: human-readable, YAML-like printers of the ABI's objects (version, bounds, geometry,
 * device, identify data, address formats, chunk reports), in liblightnvm's formats, on stdout.
 */
#include <inttypes.h>
#include <stdio.h>

#include "model.h"

void nvm_ver_pr(void)
{
	printf("Ver { major(%d), minor(%d), patch(%d) }", nvm_ver_major(), nvm_ver_minor(),
	       nvm_ver_patch());
}

void nvm_bounds_pr(int mask)
{
	static const struct {
		int bit;
		const char *name;
	} fields[] = {
		{ NVM_BOUNDS_CHANNEL, "channel" }, { NVM_BOUNDS_LUN, "lun" },
		{ NVM_BOUNDS_PLANE, "plane" },	   { NVM_BOUNDS_BLOCK, "block" },
		{ NVM_BOUNDS_PAGE, "page" },	   { NVM_BOUNDS_SECTOR, "sector" },
		{ NVM_BOUNDS_PUGRP, "pugrp" },	   { NVM_BOUNDS_PUNIT, "punit" },
		{ NVM_BOUNDS_CHUNK, "chunk" },	   { NVM_BOUNDS_SECTR, "sectr" },
	};

	if (!mask) {
		printf("bounds: ~\n");
		return;
	}
	printf("bounds:\n");
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); ++i) {
		if (mask & fields[i].bit)
			printf("- %s\n", fields[i].name);
	}
}

void nvm_geo_pr(const struct nvm_geo *geo)
{
	printf("geo:");
	if (!geo) {
		printf(" ~\n");
		return;
	}
	printf("\n");
	printf("  verid: 0x%02X\n", geo->verid);
	printf("  npugrp: %zu\n", geo->l.npugrp);
	printf("  npunit: %zu\n", geo->l.npunit);
	printf("  nchunk: %zu\n", geo->l.nchunk);
	printf("  nsectr: %zu\n", geo->l.nsectr);
	printf("  nbytes: %zu\n", geo->l.nbytes);
	printf("  nbytes_oob: %zu\n", geo->l.nbytes_oob);
	printf("  tbytes: %zu\n", geo->tbytes);
	printf("  tmbytes: %zu\n", geo->tbytes >> 20);
}

const char *nvm_pmode_str(int pmode)
{
	switch (pmode) {
	case NVM_FLAG_PMODE_SNGL:
		return "SNGL";
	case NVM_FLAG_PMODE_DUAL:
		return "DUAL";
	case NVM_FLAG_PMODE_QUAD:
		return "QUAD";
	default:
		return "UNKN";
	}
}

/* The low nbits of v as '0'/'1' characters, most significant first. */
static void lnm_bits_pr(uint64_t v, unsigned nbits)
{
	for (unsigned i = nbits; i-- > 0;)
		putchar(v >> i & 1 ? '1' : '0');
}

void nvm_dev_attr_pr(const struct nvm_dev *dev)
{
	if (!dev) {
		printf("attr: ~\n");
		return;
	}
	printf("attr:\n");
	printf("  verid: 0x%02x\n", nvm_dev_get_verid(dev));
	printf("  be_id: 0x%02x\n", nvm_dev_get_be_id(dev));
	printf("  be_name: 'lnvmd-model'\n");
	printf("  name: '%s'\n", nvm_dev_get_name(dev));
	printf("  path: '%s'\n", nvm_dev_get_path(dev));
	printf("  fd: %d\n", nvm_dev_get_fd(dev));
	printf("  ssw: %u\n", (unsigned)dev->md->ssw);
	printf("  mccap: '");
	lnm_bits_pr(nvm_dev_get_mccap(dev), 32);
	printf("'\n");
	printf("  bbts_cached: %d\n", nvm_dev_get_bbts_cached(dev));
	printf("  quirks: '");
	lnm_bits_pr((uint64_t)nvm_dev_get_quirks(dev), 8);
	printf("'\n");
}

static void lnm_dev_opts_pr(const struct nvm_dev *dev)
{
	printf("dev_cmd_opts:\n");
	printf("  iomd: 'SYNC'\n");
	printf("  addr: 'VECTOR'\n");
	printf("  plod: 'PRP'\n");
	printf("dev_vblk_opts:\n");
	printf("  pmode: '%s'\n", nvm_pmode_str(dev->pmode));
	printf("  erase_naddrs_max: %d\n", dev->erase_naddrs_max);
	printf("  read_naddrs_max: %d\n", dev->read_naddrs_max);
	printf("  write_naddrs_max: %d\n", dev->write_naddrs_max);
	printf("  meta_mode: %d\n", dev->meta_mode);
}

void nvm_dev_pr(const struct nvm_dev *dev)
{
	const struct lnm_media *md;
	struct nvm_spec_lbaz lbaz;
	struct nvm_spec_lbam lbam;
	uint64_t *const offs[4] = { &lbaz.sectr, &lbaz.chunk, &lbaz.punit, &lbaz.pugrp };
	uint64_t *const masks[4] = { &lbam.sectr, &lbam.chunk, &lbam.punit, &lbam.pugrp };

	if (!dev) {
		printf("dev: ~\n");
		return;
	}
	md = dev->md;
	for (int f = 0; f < 4; ++f) {
		*offs[f] = md->lbaf_off[f];
		*masks[f] = ((md->lbaf_len[f] >= 64 ? 0 : 1ULL << md->lbaf_len[f]) - 1)
			    << md->lbaf_off[f];
	}
	printf("dev_");
	nvm_dev_attr_pr(dev);
	printf("dev_");
	nvm_geo_pr(&md->geo);
	lnm_dev_opts_pr(dev);
	printf("dev_");
	nvm_spec_ppaf_nand_pr(NULL);
	printf("dev_");
	nvm_spec_ppaf_nand_mask_pr(NULL);
	printf("dev_");
	nvm_spec_lbaf_pr(&md->lbaf);
	printf("dev_");
	nvm_spec_lbaz_pr(&lbaz);
	printf("dev_");
	nvm_spec_lbam_pr(&lbam);
}

void nvm_spec_lbaf_pr(const struct nvm_spec_lbaf *lbaf)
{
	printf("lbaf:");
	if (!lbaf) {
		printf(" ~\n");
		return;
	}
	printf("\n  pugrp: %u\n  punit: %u\n  chunk: %u\n  sectr: %u\n", lbaf->pugrp, lbaf->punit,
	       lbaf->chunk, lbaf->sectr);
}

void nvm_spec_lbaz_pr(const struct nvm_spec_lbaz *lbaz)
{
	printf("lbaz:");
	if (!lbaz) {
		printf(" ~\n");
		return;
	}
	printf("\n  pugrp: %" PRIu64 "\n  punit: %" PRIu64 "\n  chunk: %" PRIu64
	       "\n  sectr: %" PRIu64 "\n",
	       lbaz->pugrp, lbaz->punit, lbaz->chunk, lbaz->sectr);
}

void nvm_spec_lbam_pr(const struct nvm_spec_lbam *lbam)
{
	printf("lbam:");
	if (!lbam) {
		printf(" ~\n");
		return;
	}
	printf("\n  pugrp: 0x%016" PRIx64 "\n  punit: 0x%016" PRIx64 "\n  chunk: 0x%016" PRIx64
	       "\n  sectr: 0x%016" PRIx64 "\n",
	       lbam->pugrp, lbam->punit, lbam->chunk, lbam->sectr);
}

void nvm_spec_ppaf_nand_pr(const struct nvm_spec_ppaf_nand *ppaf)
{
	static const char *const names[] = { "ch", "lun", "pl", "blk", "pg", "sec" };

	printf("ppaf:");
	if (!ppaf) {
		printf(" ~\n");
		return;
	}
	printf("\n");
	for (int i = 0; i < 6; ++i)
		printf("  %s_off: %u\n  %s_len: %u\n", names[i], ppaf->a[2 * i], names[i],
		       ppaf->a[2 * i + 1]);
}

void nvm_spec_ppaf_nand_mask_pr(const struct nvm_spec_ppaf_nand_mask *mask)
{
	static const char *const names[] = { "ch", "lun", "pl", "blk", "pg", "sec" };

	printf("ppaf_mask:");
	if (!mask) {
		printf(" ~\n");
		return;
	}
	printf("\n");
	for (int i = 0; i < 6; ++i)
		printf("  %s: '0x%016" PRIx64 "'\n", names[i], mask->a[i]);
}

void nvm_spec_lgeo_pr(const struct nvm_spec_lgeo *lgeo)
{
	printf("lgeo:");
	if (!lgeo) {
		printf(" ~\n");
		return;
	}
	printf("\n  npugrp: %u\n  npunit: %u\n  nchunk: %u\n  nsectr: %u\n", lgeo->npugrp,
	       lgeo->npunit, lgeo->nchunk, lgeo->nsectr);
}

void nvm_spec_wrt_pr(const struct nvm_spec_wrt *wrt)
{
	printf("wrt:");
	if (!wrt) {
		printf(" ~\n");
		return;
	}
	printf("\n  ws_min: %u\n  ws_opt: %u\n  mw_cunits: %u\n  maxoc: %u\n  maxocpu: %u\n",
	       wrt->ws_min, wrt->ws_opt, wrt->mw_cunits, wrt->maxoc, wrt->maxocpu);
}

void nvm_spec_idfy_pr(const struct nvm_spec_idfy *idfy, int quirks)
{
	(void)quirks;
	printf("idfy:");
	if (!idfy) {
		printf(" ~\n");
		return;
	}
	printf("\n  verid: 0x%02x\n  verid_minor: 0x%02x\n", idfy->s.verid, idfy->s.verid_minor);
	if (idfy->s.verid != NVM_SPEC_VERID_20)
		return;
	printf("  mccap: '");
	lnm_bits_pr(idfy->s20.mccap, 32);
	printf("'\n");
	printf("  wit: %u\n", idfy->s20.wit);
	nvm_spec_lbaf_pr(&idfy->s20.lbaf);
	nvm_spec_lgeo_pr(&idfy->s20.lgeo);
	nvm_spec_wrt_pr(&idfy->s20.wrt);
}

void nvm_spec_bbt_pr(const struct nvm_spec_bbt *bbt)
{
	printf("bbt:");
	if (!bbt) {
		printf(" ~\n");
		return;
	}
	printf("\n  tblid: '%c%c%c%c'\n  verid: %u\n  revid: %u\n", bbt->tblid[0], bbt->tblid[1],
	       bbt->tblid[2], bbt->tblid[3], bbt->verid, bbt->revid);
	printf("  tblks: %u\n  tfact: %u\n  tgrown: %u\n  tdresv: %u\n  thresv: %u\n", bbt->tblks,
	       bbt->tfact, bbt->tgrown, bbt->tdresv, bbt->thresv);
	printf("  blks:\n");
	for (uint32_t i = 0; i < bbt->tblks; ++i)
		printf("    - 0x%02x\n", bbt->blk[i]);
}

void nvm_spec_rprt_descr_pr(const struct nvm_spec_rprt_descr *descr)
{
	if (!descr) {
		printf("  - ~\n");
		return;
	}
	printf("  - { slba: 0x%016" PRIX64 ", cnlb: 0x%04" PRIx64 ", wp: 0x%016" PRIx64
	       ", cs: 0x%02X, ct: 0x%02X, wli: 0x%02x }\n",
	       descr->addr, descr->naddrs, descr->wp, descr->cs, descr->ct, descr->wli);
}

void nvm_spec_rprt_pr(const struct nvm_spec_rprt *rprt)
{
	if (!rprt) {
		printf("rprt: ~\n");
		return;
	}
	printf("rprt:\n  ndescr: %u\n", rprt->ndescr);
	printf("rprt_descr:");
	if (!rprt->ndescr) {
		printf(" ~\n");
		return;
	}
	printf("\n");
	for (uint32_t i = 0; i < rprt->ndescr; ++i)
		nvm_spec_rprt_descr_pr(&rprt->descr[i]);
}

void nvm_nvme_cmd_pr(struct nvm_nvme_cmd *cmd, int flags)
{
	const uint32_t *cdw = (const void *)cmd;

	printf("nvm_nvme_cmd:");
	if (!cmd) {
		printf(" ~\n");
		return;
	}
	printf("\n");
	for (int i = 0; i < 16; ++i) {
		printf("  - ");
		if (!flags) {
			putchar('\'');
			lnm_bits_pr(cdw[i], 32);
			putchar('\'');
		} else {
			printf("0x%08x", cdw[i]);
		}
		printf("\n");
	}
}
