/*
 * dev_attrs.c: device attributes (nvm_dev_get_*) and the per-handle options that nvm_vblk_* and
 * the printers use (nvm_dev_set_*).
 */
#include <errno.h>

#include "model.h"

const struct nvm_geo *nvm_dev_get_geo(const struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	return &dev->md->geo;
}

int nvm_dev_get_verid(const struct nvm_dev *dev)
{
	return dev ? dev->md->geo.verid : -1;
}

uint32_t nvm_dev_get_ws_min(const struct nvm_dev *dev)
{
	return dev ? dev->md->sb.ws_min : 0;
}

uint32_t nvm_dev_get_ws_opt(const struct nvm_dev *dev)
{
	return dev ? dev->md->sb.ws_opt : 0;
}

uint32_t nvm_dev_get_mw_cunits(const struct nvm_dev *dev)
{
	return dev ? dev->md->sb.mw_cunits : 0;
}

uint32_t nvm_dev_get_mccap(const struct nvm_dev *dev)
{
	return dev ? dev->md->sb.mccap : 0;
}

const char *nvm_dev_get_name(const struct nvm_dev *dev)
{
	return dev ? dev->name : NULL;
}

const char *nvm_dev_get_path(const struct nvm_dev *dev)
{
	return dev ? dev->path : NULL;
}

int nvm_dev_get_fd(const struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return -1;
	}
	return dev->md->fd;
}

int nvm_dev_get_nsid(const struct nvm_dev *dev)
{
	return dev ? 1 : -1;
}

const struct nvm_nvme_ns *nvm_dev_get_ns(const struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	return &dev->md->ns;
}

const struct nvm_spec_lbaf *nvm_dev_get_lbaf(const struct nvm_dev *dev)
{
	if (!dev) {
		errno = EINVAL;
		return NULL;
	}
	return &dev->md->lbaf;
}

/* OCSSD 1.2 formats: a 2.0 device has none, so both read as zeros. */
static const struct nvm_spec_ppaf_nand lnm_ppaf_none;
static const struct nvm_spec_ppaf_nand_mask lnm_ppaf_mask_none;

const struct nvm_spec_ppaf_nand *nvm_dev_get_ppaf(const struct nvm_dev *dev)
{
	(void)dev;
	return &lnm_ppaf_none;
}

const struct nvm_spec_ppaf_nand_mask *nvm_dev_get_ppaf_mask(const struct nvm_dev *dev)
{
	(void)dev;
	return &lnm_ppaf_mask_none;
}

int nvm_dev_get_be_id(const struct nvm_dev *dev)
{
	return dev ? NVM_BE_ANY : -1;
}

static int lnm_attr_einval(void)
{
	errno = EINVAL;
	return -1;
}

int nvm_dev_get_pmode(const struct nvm_dev *dev)
{
	return dev ? dev->pmode : lnm_attr_einval();
}

int nvm_dev_set_pmode(struct nvm_dev *dev, int pmode)
{
	if (!dev || pmode != NVM_FLAG_PMODE_SNGL)
		return lnm_attr_einval();
	dev->pmode = pmode;
	return 0;
}

int nvm_dev_get_meta_mode(const struct nvm_dev *dev)
{
	return dev ? dev->meta_mode : lnm_attr_einval();
}

int nvm_dev_set_meta_mode(struct nvm_dev *dev, int meta_mode)
{
	if (!dev)
		return lnm_attr_einval();
	switch (meta_mode) {
	case NVM_META_MODE_NONE:
	case NVM_META_MODE_ALPHA:
	case NVM_META_MODE_CONST:
		dev->meta_mode = meta_mode;
		return 0;
	default:
		return lnm_attr_einval();
	}
}

int nvm_dev_get_quirks(const struct nvm_dev *dev)
{
	return dev ? dev->quirks : lnm_attr_einval();
}

int nvm_dev_set_quirks(struct nvm_dev *dev, int quirks)
{
	if (!dev)
		return lnm_attr_einval();
	dev->quirks = quirks;
	return 0;
}

int nvm_dev_get_bbts_cached(const struct nvm_dev *dev)
{
	return dev ? dev->bbts_cached : lnm_attr_einval();
}

int nvm_dev_set_bbts_cached(struct nvm_dev *dev, int bbts_cached)
{
	if (!dev || (bbts_cached != 0 && bbts_cached != 1))
		return lnm_attr_einval();
	dev->bbts_cached = bbts_cached;
	return 0;
}

static int lnm_naddrs_set(struct nvm_dev *dev, int *field, int naddrs)
{
	if (!dev || naddrs < 1 || naddrs > NVM_NADDR_MAX)
		return lnm_attr_einval();
	*field = naddrs;
	return 0;
}

int nvm_dev_get_erase_naddrs_max(const struct nvm_dev *dev)
{
	return dev ? dev->erase_naddrs_max : lnm_attr_einval();
}

int nvm_dev_set_erase_naddrs_max(struct nvm_dev *dev, int naddrs)
{
	return lnm_naddrs_set(dev, dev ? &dev->erase_naddrs_max : NULL, naddrs);
}

int nvm_dev_get_read_naddrs_max(const struct nvm_dev *dev)
{
	return dev ? dev->read_naddrs_max : lnm_attr_einval();
}

int nvm_dev_set_read_naddrs_max(struct nvm_dev *dev, int naddrs)
{
	return lnm_naddrs_set(dev, dev ? &dev->read_naddrs_max : NULL, naddrs);
}

int nvm_dev_get_write_naddrs_max(const struct nvm_dev *dev)
{
	return dev ? dev->write_naddrs_max : lnm_attr_einval();
}

int nvm_dev_set_write_naddrs_max(struct nvm_dev *dev, int naddrs)
{
	return lnm_naddrs_set(dev, dev ? &dev->write_naddrs_max : NULL, naddrs);
}
