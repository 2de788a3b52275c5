/* lnvm-mkimage rejects bad arguments with exit status 2 and creates nothing. */
#include <sys/stat.h>

#include "harness.h"

static void expect_usage(const char *args)
{
	char *path = h_path("bad");
	struct stat st;

	if (h_mkimage_rc(path, args) != 2) {
		fprintf(stderr, "accepted: %s\n", args);
		exit(H_EXIT_FAIL);
	}
	CHECK(stat(path, &st) != 0);
}

int main(void)
{
	char cmd[512];

	expect_usage("--nbytes 1000");		/* not a power of two */
	expect_usage("--nbytes 256");		/* below 512 */
	expect_usage("--nsectr 64 --ws-min 5"); /* does not divide nsectr */
	expect_usage("--ws-min 4 --ws-opt 6");	/* not a multiple of ws-min */
	expect_usage("--npugrp 0");
	expect_usage("--npunit 300");
	expect_usage("--mccap 0x4");
	expect_usage("--nsectr 64 --mw-cunits 65");
	expect_usage("--offline 9/0/0"); /* outside the geometry */
	expect_usage("--offline nonsense");
	expect_usage("--bogus 1");
	expect_usage("--nchunk");
	expect_usage("--nchunk -3");

	snprintf(cmd, sizeof(cmd), "%s >/dev/null 2>&1", LNM_TEST_MKIMAGE); /* no PATH */
	CHECK_EQ(WEXITSTATUS(system(cmd)), 2);
	snprintf(cmd, sizeof(cmd), "%s --help | grep -q -- --mccap", LNM_TEST_MKIMAGE);
	CHECK_EQ(WEXITSTATUS(system(cmd)), 0);
	return H_EXIT_PASS;
}
