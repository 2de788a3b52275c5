/*
 * bbt.c: bad-block tables for an OCSSD 2.0 device, derived from chunk states: the table of a PU
 * has one entry per chunk; an OFFLINE chunk reads as its mark (NVM_BBT_BAD when it has none),
 * any other as NVM_BBT_FREE. Marks go through the chunks' workers (LNM_OPC_MARK) and persist in
 * the chunk table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The bad-block state chunk c reads as. */
static uint8_t lnm_bbt_state_of(const struct lnm_chunk *c)
{
	if (c->state != NVM_CHUNK_STATE_OFFLINE)
		return NVM_BBT_FREE;
	return c->mark ? c->mark : NVM_BBT_BAD;
}

static int lnm_bbt_state_valid(int state)
{
	switch (state) {
	case NVM_BBT_FREE:
	case NVM_BBT_BAD:
	case NVM_BBT_GBAD:
	case NVM_BBT_DMRK:
	case NVM_BBT_HMRK:
		return 1;
	default:
		return 0;
	}
}

/* The PU index of addr, or -1 with EINVAL (status 0x002 in ret) when it is outside the geometry. */
static int lnm_bbt_pu(const struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret)
{
	const struct lnm_sb *sb = &dev->md->sb;

	if (addr.l.pugrp >= sb->npugrp || addr.l.punit >= sb->npunit) {
		if (ret) {
			ret->result.vio.cs = 0;
			ret->status = NVM_STATUS_INVALID_FIELD;
		}
		errno = EINVAL;
		return -1;
	}
	return (int)(addr.l.pugrp * sb->npunit + addr.l.punit);
}

/* Read the states of PU pu's chunks into states[nchunk], under the PU's lock. */
static void lnm_bbt_read(struct lnm_media *md, uint32_t pu, uint8_t *states)
{
	const uint32_t nchunk = (uint32_t)md->sb.nchunk;

	pthread_mutex_lock(&md->pus[pu].lock);
	for (uint32_t i = 0; i < nchunk; ++i)
		states[i] = lnm_bbt_state_of(&md->chunks[pu * nchunk + i]);
	pthread_mutex_unlock(&md->pus[pu].lock);
}

struct nvm_spec_bbt *nvm_cmd_gbbt(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret)
{
	struct nvm_spec_bbt *bbt;
	uint32_t nchunk;
	int pu;

	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	pu = lnm_bbt_pu(dev, addr, ret);
	if (pu < 0)
		return NULL;
	nchunk = (uint32_t)dev->md->sb.nchunk;
	bbt = nvm_buf_alloc(dev, sizeof(*bbt) + nchunk, NULL);
	if (!bbt)
		return NULL;
	memcpy(bbt->tblid, "BBLT", 4);
	bbt->verid = 1;
	bbt->tblks = nchunk;
	lnm_bbt_read(dev->md, (uint32_t)pu, bbt->blk);
	for (uint32_t i = 0; i < nchunk; ++i) {
		switch (bbt->blk[i]) {
		case NVM_BBT_BAD:
			++bbt->tfact;
			break;
		case NVM_BBT_GBAD:
			++bbt->tgrown;
			break;
		case NVM_BBT_DMRK:
			++bbt->tdresv;
			break;
		case NVM_BBT_HMRK:
			++bbt->thresv;
			break;
		default:
			break;
		}
	}
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = 0;
	}
	return bbt;
}

int nvm_cmd_sbbt(struct nvm_dev *dev, struct nvm_addr *addrs, int naddrs, uint16_t flags,
		 struct nvm_ret *ret)
{
	if (!dev || !addrs || naddrs < 1 || naddrs > NVM_NADDR_MAX || !lnm_bbt_state_valid(flags)) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < naddrs; ++i) {
		if (nvm_addr_check(addrs[i], dev) &
		    (NVM_BOUNDS_PUGRP | NVM_BOUNDS_PUNIT | NVM_BOUNDS_CHUNK)) {
			errno = EINVAL;
			return -1;
		}
	}
	return lnm_cmd_mark(dev, addrs, naddrs, (uint8_t)flags, ret);
}

int nvm_cmd_gbbt_arbs(struct nvm_dev *dev, int bs, int naddrs, struct nvm_addr addrs[])
{
	struct lnm_media *md;
	uint8_t *states;
	int nfound = 0;

	if (!dev || naddrs < 0 || (naddrs && !addrs) || !lnm_bbt_state_valid(bs)) {
		errno = EINVAL;
		return -1;
	}
	md = dev->md;
	states = malloc(md->sb.nchunk);
	if (!states)
		return -1;
	for (uint32_t pu = 0; pu < md->npus && nfound < naddrs; ++pu) {
		lnm_bbt_read(md, pu, states);
		for (uint32_t k = 0; k < md->sb.nchunk && nfound < naddrs; ++k) {
			if (states[k] == bs)
				addrs[nfound++] = lnm_addr_of_chunk(
					md, pu * (uint32_t)md->sb.nchunk + k);
		}
	}
	free(states);
	if (nfound < naddrs) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

const struct nvm_bbt *nvm_bbt_get(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret)
{
	struct nvm_bbt *bbt;
	uint32_t nchunk;
	int pu;

	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	pu = lnm_bbt_pu(dev, addr, ret);
	if (pu < 0)
		return NULL;
	nchunk = (uint32_t)dev->md->sb.nchunk;
	if (!dev->bbts) {
		dev->bbts = calloc(dev->md->npus, sizeof(*dev->bbts));
		if (!dev->bbts)
			return NULL;
	}
	if (!dev->bbts[pu]) {
		dev->bbts[pu] = calloc(1, sizeof(struct nvm_bbt) + nchunk);
		if (!dev->bbts[pu])
			return NULL;
	}
	bbt = dev->bbts[pu];
	bbt->dev = dev;
	bbt->addr.val = 0;
	bbt->addr.l.pugrp = addr.l.pugrp;
	bbt->addr.l.punit = addr.l.punit;
	bbt->nblks = nchunk;
	bbt->nbad = bbt->ngbad = bbt->ndmrk = bbt->nhmrk = 0;
	lnm_bbt_read(dev->md, (uint32_t)pu, bbt->blks);
	for (uint32_t i = 0; i < nchunk; ++i) {
		bbt->nbad += bbt->blks[i] == NVM_BBT_BAD;
		bbt->ngbad += bbt->blks[i] == NVM_BBT_GBAD;
		bbt->ndmrk += bbt->blks[i] == NVM_BBT_DMRK;
		bbt->nhmrk += bbt->blks[i] == NVM_BBT_HMRK;
	}
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = 0;
	}
	return bbt;
}

int nvm_bbt_set(struct nvm_dev *dev, const struct nvm_bbt *bbt, struct nvm_ret *ret)
{
	int pu;

	if (!dev || !bbt || bbt->nblks != dev->md->sb.nchunk) {
		errno = EINVAL;
		return -1;
	}
	pu = lnm_bbt_pu(dev, bbt->addr, ret);
	if (pu < 0)
		return -1;
	for (uint64_t i = 0; i < bbt->nblks; ++i) {
		if (!lnm_bbt_state_valid(bbt->blks[i])) {
			errno = EINVAL;
			return -1;
		}
	}
	for (uint64_t i = 0; i < bbt->nblks;) {
		struct nvm_addr addrs[NVM_NADDR_MAX];
		int n = 0;
		const uint8_t state = bbt->blks[i];

		/* one command per run of equal states, at most NVM_NADDR_MAX chunks */
		while (i < bbt->nblks && bbt->blks[i] == state && n < NVM_NADDR_MAX) {
			addrs[n] = bbt->addr;
			addrs[n].l.chunk = i;
			addrs[n].l.sectr = 0;
			++n;
			++i;
		}
		if (lnm_cmd_mark(dev, addrs, n, state, ret))
			return -1;
	}
	return 0;
}

int nvm_bbt_mark(struct nvm_dev *dev, struct nvm_addr addrs[], int naddrs, uint16_t flags,
		 struct nvm_ret *ret)
{
	return nvm_cmd_sbbt(dev, addrs, naddrs, flags, ret);
}

int nvm_bbt_flush(struct nvm_dev *dev, struct nvm_addr addr, struct nvm_ret *ret)
{
	(void)addr;
	(void)ret;
	if (!dev) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int nvm_bbt_flush_all(struct nvm_dev *dev, struct nvm_ret *ret)
{
	(void)ret;
	if (!dev) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

struct nvm_bbt *nvm_bbt_alloc_cp(const struct nvm_bbt *bbt)
{
	struct nvm_bbt *cp;

	if (!bbt) {
		errno = EINVAL;
		return NULL;
	}
	cp = malloc(sizeof(*cp) + bbt->nblks);
	if (!cp)
		return NULL;
	memcpy(cp, bbt, sizeof(*cp) + bbt->nblks);
	return cp;
}

void nvm_bbt_free(struct nvm_bbt *bbt)
{
	free(bbt);
}

void nvm_bbt_state_pr(int state)
{
	switch (state) {
	case NVM_BBT_FREE:
		printf("FREE");
		break;
	case NVM_BBT_BAD:
		printf("BAD");
		break;
	case NVM_BBT_GBAD:
		printf("GBAD");
		break;
	case NVM_BBT_DMRK:
		printf("DMRK");
		break;
	case NVM_BBT_HMRK:
		printf("HMRK");
		break;
	default:
		printf("UNKN");
		break;
	}
}

void nvm_bbt_pr(const struct nvm_bbt *bbt)
{
	if (!bbt) {
		printf("bbt: ~\n");
		return;
	}
	printf("bbt:\n");
	printf("  addr: ");
	nvm_addr_pr(bbt->addr);
	printf("\n  nblks: %llu\n", (unsigned long long)bbt->nblks);
	printf("  nbad: %u\n  ngbad: %u\n  ndmrk: %u\n  nhmrk: %u\n", bbt->nbad, bbt->ngbad,
	       bbt->ndmrk, bbt->nhmrk);
	printf("  blks:\n");
	for (uint64_t i = 0; i < bbt->nblks; ++i) {
		if (bbt->blks[i] == NVM_BBT_FREE)
			continue;
		printf("    - { chunk: %04llu, state: '", (unsigned long long)i);
		nvm_bbt_state_pr(bbt->blks[i]);
		printf("' }\n");
	}
}
