/*
 * address.c: bounds checks, the generic <-> device address formats, byte offsets, log-page
 * offsets and address printers.
 *
 * The device format is an LBA made of bit fields, each ceil(log2(n)) bits wide for a geometry
 * dimension of n: sectr in the lowest bits, then chunk, punit and pugrp.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "model.h"

enum {
	LNM_F_SECTR,
	LNM_F_CHUNK,
	LNM_F_PUNIT,
	LNM_F_PUGRP
};

static uint8_t lnm_addr_bits(uint64_t n)
{
	uint8_t bits = 0;

	while ((1ULL << bits) < n)
		++bits;
	return bits;
}

void lnm_addr_format_init(struct lnm_media *md)
{
	const uint64_t dims[4] = { md->sb.nsectr, md->sb.nchunk, md->sb.npunit, md->sb.npugrp };
	uint8_t off = 0;

	for (int f = 0; f < 4; ++f) {
		md->lbaf_off[f] = off;
		md->lbaf_len[f] = lnm_addr_bits(dims[f]);
		off += md->lbaf_len[f];
	}
}

void lnm_addr_decode(const struct lnm_media *md, struct nvm_addr addr, uint64_t sectr_add,
		     struct lnm_sect *sect)
{
	uint64_t sectr = addr.l.sectr + sectr_add;

	sect->sectr = sectr > UINT32_MAX ? UINT32_MAX : (uint32_t)sectr;
	if (addr.l.pugrp >= md->sb.npugrp || addr.l.punit >= md->sb.npunit ||
	    addr.l.chunk >= md->sb.nchunk) {
		sect->chunk = LNM_CHUNK_NONE;
		return;
	}
	sect->chunk = (uint32_t)((addr.l.pugrp * md->sb.npunit + addr.l.punit) * md->sb.nchunk +
				 addr.l.chunk);
}

struct nvm_addr lnm_addr_of_chunk(const struct lnm_media *md, uint32_t chunk)
{
	struct nvm_addr addr = { .val = 0 };
	uint64_t pu = chunk / md->sb.nchunk;

	addr.l.chunk = chunk % md->sb.nchunk;
	addr.l.punit = pu % md->sb.npunit;
	addr.l.pugrp = pu / md->sb.npunit;
	return addr;
}

int nvm_addr_check(struct nvm_addr addr, const struct nvm_dev *dev)
{
	int mask = 0;

	if (!dev) {
		errno = EINVAL;
		return -1;
	}
	if (addr.l.pugrp >= dev->md->sb.npugrp)
		mask |= NVM_BOUNDS_PUGRP;
	if (addr.l.punit >= dev->md->sb.npunit)
		mask |= NVM_BOUNDS_PUNIT;
	if (addr.l.chunk >= dev->md->sb.nchunk)
		mask |= NVM_BOUNDS_CHUNK;
	if (addr.l.sectr >= dev->md->sb.nsectr)
		mask |= NVM_BOUNDS_SECTR;
	return mask;
}

uint64_t lnm_addr_gen2dev(const struct lnm_media *md, struct nvm_addr addr)
{
	return ((uint64_t)addr.l.sectr << md->lbaf_off[LNM_F_SECTR]) |
	       ((uint64_t)addr.l.chunk << md->lbaf_off[LNM_F_CHUNK]) |
	       ((uint64_t)addr.l.punit << md->lbaf_off[LNM_F_PUNIT]) |
	       ((uint64_t)addr.l.pugrp << md->lbaf_off[LNM_F_PUGRP]);
}

uint64_t nvm_addr_gen2dev(struct nvm_dev *dev, struct nvm_addr addr)
{
	return lnm_addr_gen2dev(dev->md, addr);
}

static uint64_t lnm_addr_field(const struct lnm_media *md, uint64_t lba, int f)
{
	uint8_t len = md->lbaf_len[f];

	if (!len)
		return 0;
	return (lba >> md->lbaf_off[f]) & ((1ULL << len) - 1);
}

struct nvm_addr nvm_addr_dev2gen(struct nvm_dev *dev, uint64_t lba)
{
	struct nvm_addr addr = { .val = 0 };

	addr.l.sectr = lnm_addr_field(dev->md, lba, LNM_F_SECTR);
	addr.l.chunk = lnm_addr_field(dev->md, lba, LNM_F_CHUNK);
	addr.l.punit = lnm_addr_field(dev->md, lba, LNM_F_PUNIT);
	addr.l.pugrp = lnm_addr_field(dev->md, lba, LNM_F_PUGRP);
	return addr;
}

uint64_t nvm_addr_gen2lpo(struct nvm_dev *dev, struct nvm_addr addr)
{
	const struct lnm_sb *sb = &dev->md->sb;
	uint64_t idx = ((uint64_t)addr.l.pugrp * sb->npunit + addr.l.punit) * sb->nchunk +
		       addr.l.chunk;

	return idx * sizeof(struct nvm_spec_rprt_descr);
}

struct nvm_addr nvm_addr_lpo2gen(struct nvm_dev *dev, uint64_t lpo)
{
	const struct lnm_sb *sb = &dev->md->sb;
	const uint64_t idx = lpo / sizeof(struct nvm_spec_rprt_descr);
	struct nvm_addr addr = { .val = 0 };

	addr.l.chunk = idx % sb->nchunk;
	addr.l.punit = (idx / sb->nchunk) % sb->npunit;
	addr.l.pugrp = (idx / sb->nchunk / sb->npunit) % sb->npugrp;
	return addr;
}

uint64_t nvm_addr_dev2off(struct nvm_dev *dev, uint64_t addr)
{
	return addr << dev->md->ssw;
}

uint64_t nvm_addr_off2dev(struct nvm_dev *dev, uint64_t off)
{
	return off >> dev->md->ssw;
}

uint64_t nvm_addr_gen2off(struct nvm_dev *dev, struct nvm_addr addr)
{
	return nvm_addr_dev2off(dev, nvm_addr_gen2dev(dev, addr));
}

struct nvm_addr nvm_addr_off2gen(struct nvm_dev *dev, uint64_t off)
{
	return nvm_addr_dev2gen(dev, nvm_addr_off2dev(dev, off));
}

void nvm_addr_fill_crange(struct nvm_addr *addrs, struct nvm_addr addr, uint32_t naddrs)
{
	for (uint32_t i = 0; i < naddrs; ++i) {
		addrs[i] = addr;
		addrs[i].l.sectr = addr.l.sectr + i;
	}
}

void nvm_addr_pr(const struct nvm_addr addr)
{
	printf("0x%016" PRIx64, addr.val);
}

void nvm_addr_prn(const struct nvm_addr *addr, unsigned int naddrs, const struct nvm_dev *dev)
{
	(void)dev; /* every model device is OCSSD 2.0 */
	printf("naddrs: %u\n", naddrs);
	printf("addrs:\n");
	for (unsigned int i = 0; addr && i < naddrs; ++i) {
		printf("  - {val: 0x%016" PRIx64 ", pugrp: %02u, punit: %02u, chunk: %04u, "
		       "sectr: %04u}\n",
		       addr[i].val, (unsigned)addr[i].l.pugrp, (unsigned)addr[i].l.punit,
		       (unsigned)addr[i].l.chunk, (unsigned)addr[i].l.sectr);
	}
}
