/*
 * report.c: chunk reports (nvm_cmd_rprt, nvm_cmd_rprt_arbs). Reports read chunk state under each
 * PU's lock, so they are consistent per chunk while workers run.
 */
#include <errno.h>

#include "model.h"

void lnm_chunk_descr(const struct lnm_media *md, uint32_t chunk, const struct lnm_chunk *c,
		     struct nvm_spec_rprt_descr *d)
{
	*d = (struct nvm_spec_rprt_descr){
		.cs = c->state,
		.ct = NVM_CHUNK_TYPE_SEQR,
		.wli = c->wli,
		.addr = lnm_addr_gen2dev(md, lnm_addr_of_chunk(md, chunk)),
		.naddrs = md->sb.nsectr,
		.wp = c->wp,
	};
}

struct nvm_spec_rprt *nvm_cmd_rprt(struct nvm_dev *dev, struct nvm_addr *addr, int opt,
				   struct nvm_ret *ret)
{
	struct lnm_media *md;
	struct nvm_spec_rprt *rprt;
	uint32_t first = 0, count;
	uint32_t pu_prev = UINT32_MAX;

	(void)opt;
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	md = dev->md;
	count = md->nchunks;
	if (addr) {
		struct lnm_sect s;

		lnm_addr_decode(md, *addr, 0, &s);
		count = (uint32_t)md->sb.nchunk;
		if (s.chunk == LNM_CHUNK_NONE || s.chunk > md->nchunks - count) {
			/* outside the geometry, or the log page ends before nchunk descriptors */
			if (ret) {
				ret->result.vio.cs = 0;
				ret->status = NVM_STATUS_INVALID_FIELD;
			}
			errno = EINVAL;
			return NULL;
		}
		first = s.chunk;
	}
	rprt = nvm_buf_alloc(dev, sizeof(*rprt) + (size_t)count * sizeof(rprt->descr[0]), NULL);
	if (!rprt)
		return NULL;
	rprt->ndescr = count;
	for (uint32_t i = 0; i < count; ++i) {
		uint32_t chunk = first + i;
		uint32_t pu = chunk / (uint32_t)md->sb.nchunk;
		struct nvm_spec_rprt_descr *d = &rprt->descr[i];
		struct lnm_chunk c;

		if (pu != pu_prev) {
			if (pu_prev != UINT32_MAX)
				pthread_mutex_unlock(&md->pus[pu_prev].lock);
			pthread_mutex_lock(&md->pus[pu].lock);
			pu_prev = pu;
		}
		c = md->chunks[chunk];
		lnm_chunk_descr(md, chunk, &c, d);
	}
	if (pu_prev != UINT32_MAX)
		pthread_mutex_unlock(&md->pus[pu_prev].lock);
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = 0;
	}
	return rprt;
}

int nvm_cmd_rprt_arbs(struct nvm_dev *dev, int cs, int naddrs, struct nvm_addr addrs[])
{
	struct lnm_media *md;
	int nfound = 0;

	if (!dev || naddrs < 0 || (naddrs && !addrs)) {
		errno = EINVAL;
		return -1;
	}
	md = dev->md;
	switch (cs) {
	case NVM_CHUNK_STATE_FREE:
	case NVM_CHUNK_STATE_CLOSED:
	case NVM_CHUNK_STATE_OPEN:
	case NVM_CHUNK_STATE_OFFLINE:
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (uint32_t pu = 0; pu < md->npus && nfound < naddrs; ++pu) {
		pthread_mutex_lock(&md->pus[pu].lock);
		for (uint32_t k = 0; k < md->sb.nchunk && nfound < naddrs; ++k) {
			uint32_t chunk = pu * (uint32_t)md->sb.nchunk + k;

			if (md->chunks[chunk].state == cs)
				addrs[nfound++] = lnm_addr_of_chunk(md, chunk);
		}
		pthread_mutex_unlock(&md->pus[pu].lock);
	}
	if (nfound < naddrs) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}
