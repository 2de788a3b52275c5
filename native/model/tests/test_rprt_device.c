/* A report with a NULL address covers the whole device in (pugrp, punit, chunk) order; each
 * descriptor's addr is the device-format address of the chunk's first sector. */
#include "harness.h"

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL " --offline 1/0/3");
	const struct nvm_geo *geo = nvm_dev_get_geo(dev);
	char *buf = nvm_buf_alloc(dev, 8 * 4096, NULL);
	struct nvm_spec_rprt *rprt;
	struct nvm_ret ret;
	uint32_t i = 0;

	CHECK_EQ(h_write(dev, h_addr(0, 1, 6, 0), 8, buf, NULL, NVM_CMD_VECTOR, NULL), 0);
	rprt = nvm_cmd_rprt(dev, NULL, 0, &ret);
	CHECK(rprt);
	CHECK_EQ(ret.status, 0);
	CHECK_EQ(rprt->ndescr, geo->l.npugrp * geo->l.npunit * geo->l.nchunk);
	for (unsigned g = 0; g < geo->l.npugrp; ++g)
		for (unsigned p = 0; p < geo->l.npunit; ++p)
			for (unsigned c = 0; c < geo->l.nchunk; ++c, ++i) {
				const struct nvm_spec_rprt_descr *d = &rprt->descr[i];
				struct nvm_addr a = h_addr(g, p, c, 0);
				uint8_t cs = NVM_CHUNK_STATE_FREE;

				if (g == 1 && p == 0 && c == 3)
					cs = NVM_CHUNK_STATE_OFFLINE;
				if (g == 0 && p == 1 && c == 6)
					cs = NVM_CHUNK_STATE_OPEN;
				CHECK_EQ(d->cs, cs);
				CHECK_EQ(d->ct, NVM_CHUNK_TYPE_SEQR);
				CHECK_EQ(d->addr, nvm_addr_gen2dev(dev, a));
				CHECK_EQ(nvm_addr_dev2gen(dev, d->addr).val, a.val);
				CHECK_EQ(d->naddrs, geo->l.nsectr);
				CHECK_EQ(d->wp, cs == NVM_CHUNK_STATE_OPEN ? 8 : 0);
			}
	nvm_buf_free(dev, rprt);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
