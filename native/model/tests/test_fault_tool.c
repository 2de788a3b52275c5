/* lnvm-fault lists what it set and clears it; it refuses an open image (exit 1), bad arguments
 * and addresses outside the geometry (exit 2). */
#include "harness.h"

int main(void)
{
	char *path = h_image(H_SMALL);
	char *list = h_path("list");
	struct nvm_dev *dev;
	char cmd[1024], text[512] = { 0 };
	FILE *f;

	h_fault(path, "read-error 1/1/7/60 4");
	h_fault(path, "write-fault 0/0/0");
	h_fault(path, "endurance 9 1/0/2");
	snprintf(cmd, sizeof(cmd), "%s '%s' list > '%s'", LNM_TEST_FAULT, path, list);
	CHECK_EQ(system(cmd), 0);
	f = fopen(list, "r");
	CHECK(f);
	CHECK(fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	CHECK_EQ(strcmp(text, "0/0/0: write-fault\n1/0/2: endurance 9 (resets 0)\n"
			      "1/1/7: read-error 60+4\n"),
		 0);

	CHECK_EQ(h_fault_rc(path, "read-error 1/1/7/62 4"), 2); /* past the chunk's end */
	CHECK_EQ(h_fault_rc(path, "write-fault 2/0/0"), 2);
	CHECK_EQ(h_fault_rc(path, "explode 0/0/0"), 2);
	CHECK_EQ(h_fault_rc(path, ""), 2);
	dev = nvm_dev_open(path);
	CHECK(dev);
	CHECK_EQ(h_fault_rc(path, "clear"), 1); /* the image is open */
	nvm_dev_close(dev);
	h_fault(path, "clear");
	CHECK_EQ(system(cmd), 0);
	f = fopen(list, "r");
	CHECK(f);
	CHECK_EQ(fread(text, 1, sizeof(text) - 1, f), 0);
	fclose(f);
	return H_EXIT_PASS;
}
