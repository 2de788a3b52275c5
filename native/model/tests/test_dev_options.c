/* Per-handle options start at liblightnvm's defaults, setters accept their ranges and refuse the
 * rest with EINVAL, and one handle's options do not change another's. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *dev = nvm_dev_open(path), *other = nvm_dev_open(path);

	CHECK(dev && other);
	CHECK_EQ(nvm_dev_get_pmode(dev), NVM_FLAG_PMODE_SNGL);
	CHECK_EQ(nvm_dev_get_meta_mode(dev), NVM_META_MODE_NONE);
	CHECK_EQ(nvm_dev_get_quirks(dev), 0);
	CHECK_EQ(nvm_dev_get_bbts_cached(dev), 0);
	CHECK_EQ(nvm_dev_get_erase_naddrs_max(dev), NVM_NADDR_MAX);
	CHECK_EQ(nvm_dev_get_read_naddrs_max(dev), NVM_NADDR_MAX);
	CHECK_EQ(nvm_dev_get_write_naddrs_max(dev), NVM_NADDR_MAX);

	CHECK_EQ(nvm_dev_set_pmode(dev, NVM_FLAG_PMODE_SNGL), 0);
	errno = 0;
	CHECK_EQ(nvm_dev_set_pmode(dev, NVM_FLAG_PMODE_DUAL), -1); /* a 2.0 device has no planes */
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(nvm_dev_set_meta_mode(dev, NVM_META_MODE_ALPHA), 0);
	CHECK_EQ(nvm_dev_get_meta_mode(dev), NVM_META_MODE_ALPHA);
	CHECK_EQ(nvm_dev_set_meta_mode(dev, 7), -1);
	CHECK_EQ(nvm_dev_set_quirks(dev, NVM_QUIRK_OOB_2LRG), 0);
	CHECK_EQ(nvm_dev_get_quirks(dev), NVM_QUIRK_OOB_2LRG);
	CHECK_EQ(nvm_dev_set_bbts_cached(dev, 1), 0);
	CHECK_EQ(nvm_dev_set_bbts_cached(dev, 2), -1);
	CHECK_EQ(nvm_dev_set_erase_naddrs_max(dev, 3), 0);
	CHECK_EQ(nvm_dev_get_erase_naddrs_max(dev), 3);
	CHECK_EQ(nvm_dev_set_read_naddrs_max(dev, 0), -1);
	CHECK_EQ(nvm_dev_set_write_naddrs_max(dev, NVM_NADDR_MAX + 1), -1);
	CHECK_EQ(nvm_dev_get_write_naddrs_max(dev), NVM_NADDR_MAX);

	CHECK_EQ(nvm_dev_get_meta_mode(other), NVM_META_MODE_NONE);
	CHECK_EQ(nvm_dev_get_erase_naddrs_max(other), NVM_NADDR_MAX);
	nvm_dev_close(other);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
