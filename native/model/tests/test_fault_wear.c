/* With an erase endurance of N, each reset raises the wear index towards 255 (nerase * 255 / N);
 * reset N + 1 fails with 0x2C0 and takes the chunk OFFLINE as grown bad, persistently. Without a
 * limit the wear index counts resets. */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL " --mccap 0x3"); /* resets of FREE chunks allowed */
	struct nvm_dev *dev;
	uint16_t status;

	h_fault(path, "endurance 3");
	h_fault(path, "endurance 0 0/0/1"); /* one chunk without a limit */
	dev = nvm_dev_open(path);
	CHECK(dev);
	for (unsigned k = 1; k <= 3; ++k) {
		CHECK_EQ(h_erase(dev, h_addr(0, 1, 2, 0), NVM_CMD_VECTOR, NULL), 0);
		CHECK_EQ(h_descr(dev, h_addr(0, 1, 2, 0)).wli, k * 255 / 3);
		CHECK_EQ(h_erase(dev, h_addr(0, 0, 1, 0), NVM_CMD_VECTOR, NULL), 0);
		CHECK_EQ(h_descr(dev, h_addr(0, 0, 1, 0)).wli, k);
	}
	CHECK_EQ(h_erase(dev, h_addr(0, 1, 2, 0), NVM_CMD_VECTOR, &status), -1);
	CHECK_EQ(status, NVM_STATUS_OFFLINE_CHUNK);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 2, 0)).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(h_erase(dev, h_addr(0, 0, 1, 0), NVM_CMD_VECTOR, NULL), 0);
	nvm_dev_close(dev);

	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_descr(dev, h_addr(0, 1, 2, 0)).cs, NVM_CHUNK_STATE_OFFLINE);
	CHECK_EQ(nvm_bbt_get(dev, h_addr(0, 1, 0, 0), NULL)->blks[2], NVM_BBT_GBAD);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
