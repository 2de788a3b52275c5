/*
 * identify.c: the OCSSD 2.0 geometry command (nvm_cmd_idfy) and NVMe passthrough (nvm_cmd_pass,
 * which the model refuses).
 */
#include <errno.h>

#include "model.h"

/* NVMe generic status "invalid command opcode". */
#define LNM_STATUS_INVALID_OPCODE 0x001

struct nvm_spec_idfy *nvm_cmd_idfy(struct nvm_dev *dev, struct nvm_ret *ret)
{
	const struct lnm_media *md;
	struct nvm_spec_idfy *idfy;

	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	md = dev->md;
	idfy = nvm_buf_alloc(dev, sizeof(*idfy), NULL);
	if (!idfy)
		return NULL;
	idfy->s20.verid = NVM_SPEC_VERID_20;
	idfy->s20.verid_minor = 0;
	idfy->s20.lbaf = md->lbaf;
	idfy->s20.mccap = md->sb.mccap;
	idfy->s20.lgeo.npugrp = (uint16_t)md->sb.npugrp;
	idfy->s20.lgeo.npunit = (uint16_t)md->sb.npunit;
	idfy->s20.lgeo.nchunk = (uint32_t)md->sb.nchunk;
	idfy->s20.lgeo.nsectr = (uint32_t)md->sb.nsectr;
	idfy->s20.wrt.ws_min = md->sb.ws_min;
	idfy->s20.wrt.ws_opt = md->sb.ws_opt;
	idfy->s20.wrt.mw_cunits = md->sb.mw_cunits;
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = 0;
	}
	return idfy;
}

int nvm_cmd_pass(struct nvm_dev *dev, struct nvm_nvme_cmd *cmd, void *data, size_t data_nbytes,
		 void *meta, size_t meta_nbytes, int flags, struct nvm_ret *ret)
{
	(void)dev;
	(void)cmd;
	(void)data;
	(void)data_nbytes;
	(void)meta;
	(void)meta_nbytes;
	(void)flags;
	if (ret) {
		ret->result.vio.cs = 0;
		ret->status = LNM_STATUS_INVALID_OPCODE;
	}
	errno = ENOSYS;
	return -1;
}
