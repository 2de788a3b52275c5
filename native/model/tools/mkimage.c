/*
 * lnvm-mkimage: create a device image for the lnvmd device model.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define LNM_MKIMAGE_EXIT_OK 0
#define LNM_MKIMAGE_EXIT_FAIL 1
#define LNM_MKIMAGE_EXIT_USAGE 2
#define LNM_MKIMAGE_MAX_OFFLINE 4096

static const char lnm_usage[] =
	"usage: lnvm-mkimage PATH [options]\n"
	"\n"
	"Create an OCSSD 2.0 device image for the lnvmd device model: a sparse file, or with\n"
	"--preallocate one whose every block is allocated.\n"
	"\n"
	"options (defaults in brackets):\n"
	"  --npugrp N        parallel-unit groups [2]\n"
	"  --npunit N        parallel units per group [4]\n"
	"  --nchunk N        chunks per parallel unit [64]\n"
	"  --nsectr N        sectors per chunk [4096]\n"
	"  --nbytes N        bytes per sector, a power of two >= 512 [4096]\n"
	"  --nbytes-oob N    out-of-band (metadata) bytes per sector [16]\n"
	"  --ws-min N        minimum write size in sectors, divides nsectr [4]\n"
	"  --ws-opt N        optimal write size, a multiple of ws-min [8]\n"
	"  --mw-cunits N     sectors below the write pointer not yet readable [8]\n"
	"  --mccap N         0x1 vector copy, 0x2 multiple resets (decimal or 0x..) [0x1]\n"
	"  --offline G/P/C   create chunk C of unit P in group G OFFLINE (repeatable)\n"
	"  --durable         durable image: a write or reset completes only once it is on stable\n"
	"                    storage (survives power loss; fdatasync shared by concurrent writes)\n"
	"  --preallocate     write zeros over the data and OOB regions now (the image takes its\n"
	"                    full size on disk), so that a durable write's fdatasync carries no\n"
	"                    block allocation; resets then keep the chunk's blocks\n"
	"  --force           overwrite an existing file\n"
	"  --verbose         print the geometry and size\n"
	"  -h, --help        print this help\n"
	"\n"
	"exit status: 0 created, 1 failed, 2 usage error\n";

static int lnm_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

static int lnm_usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "lnvm-mkimage: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fprintf(stderr, "try 'lnvm-mkimage --help'\n");
	return LNM_MKIMAGE_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct lnm_image_params params = {
		.npugrp = 2,
		.npunit = 4,
		.nchunk = 64,
		.nsectr = 4096,
		.nbytes = 4096,
		.nbytes_oob = 16,
		.ws_min = 4,
		.ws_opt = 8,
		.mw_cunits = 8,
		.mccap = 0x1,
	};
	static struct lnm_image_chunk_ref offline[LNM_MKIMAGE_MAX_OFFLINE];
	size_t noffline = 0;
	const char *path = NULL, *why = NULL;
	int force = 0, verbose = 0;

	for (int i = 1; i < argc; ++i) {
		const char *arg = argv[i];
		const struct {
			const char *name;
			uint64_t *u64;
			uint32_t *u32;
		} opts[] = {
			{ "--npugrp", &params.npugrp, NULL },
			{ "--npunit", &params.npunit, NULL },
			{ "--nchunk", &params.nchunk, NULL },
			{ "--nsectr", &params.nsectr, NULL },
			{ "--nbytes", &params.nbytes, NULL },
			{ "--nbytes-oob", &params.nbytes_oob, NULL },
			{ "--ws-min", NULL, &params.ws_min },
			{ "--ws-opt", NULL, &params.ws_opt },
			{ "--mw-cunits", NULL, &params.mw_cunits },
			{ "--mccap", NULL, &params.mccap },
		};
		int matched = 0;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(lnm_usage, stdout);
			return LNM_MKIMAGE_EXIT_OK;
		}
		if (!strcmp(arg, "--force")) {
			force = 1;
			continue;
		}
		if (!strcmp(arg, "--durable")) {
			params.flags |= LNM_SB_FLAG_DURABLE;
			continue;
		}
		if (!strcmp(arg, "--preallocate")) {
			params.flags |= LNM_SB_FLAG_PREALLOCATED;
			continue;
		}
		if (!strcmp(arg, "--verbose")) {
			verbose = 1;
			continue;
		}
		if (!strcmp(arg, "--offline")) {
			unsigned long long g, p, c;
			char tail;

			if (i + 1 >= argc)
				return lnm_usage_error("missing value", arg);
			if (noffline == LNM_MKIMAGE_MAX_OFFLINE)
				return lnm_usage_error("too many --offline chunks", NULL);
			if (sscanf(argv[++i], "%llu/%llu/%llu%c", &g, &p, &c, &tail) != 3)
				return lnm_usage_error("--offline takes G/P/C", argv[i]);
			offline[noffline++] = (struct lnm_image_chunk_ref){ g, p, c };
			continue;
		}
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); ++k) {
			uint64_t v;

			if (strcmp(arg, opts[k].name))
				continue;
			if (i + 1 >= argc)
				return lnm_usage_error("missing value", arg);
			if (lnm_parse_u64(argv[++i], &v))
				return lnm_usage_error("not a number", argv[i]);
			if (opts[k].u64) {
				*opts[k].u64 = v;
			} else {
				if (v > UINT32_MAX)
					return lnm_usage_error("value too large", argv[i]);
				*opts[k].u32 = (uint32_t)v;
			}
			matched = 1;
			break;
		}
		if (matched)
			continue;
		if (arg[0] == '-')
			return lnm_usage_error("unknown option", arg);
		if (path)
			return lnm_usage_error("more than one PATH", arg);
		path = arg;
	}
	if (!path)
		return lnm_usage_error("missing PATH", NULL);

	if (lnm_image_create(path, &params, offline, noffline, force, &why)) {
		if (errno == EINVAL && why)
			return lnm_usage_error(why, NULL);
		if (errno == EEXIST) {
			fprintf(stderr, "lnvm-mkimage: %s exists (use --force to overwrite)\n",
				path);
			return LNM_MKIMAGE_EXIT_FAIL;
		}
		fprintf(stderr, "lnvm-mkimage: %s: %s\n", path, strerror(errno));
		return LNM_MKIMAGE_EXIT_FAIL;
	}
	if (verbose) {
		printf("%s: npugrp %" PRIu64 " npunit %" PRIu64 " nchunk %" PRIu64
		       " nsectr %" PRIu64 " nbytes %" PRIu64 " nbytes_oob %" PRIu64
		       " ws_min %u ws_opt %u mw_cunits %u"
		       " mccap 0x%x%s%s tbytes %" PRIu64 "\n",
		       path, params.npugrp, params.npunit, params.nchunk, params.nsectr,
		       params.nbytes, params.nbytes_oob, params.ws_min, params.ws_opt,
		       params.mw_cunits, params.mccap,
		       params.flags & LNM_SB_FLAG_DURABLE ? " durable" : "",
		       params.flags & LNM_SB_FLAG_PREALLOCATED ? " preallocated" : "",
		       params.npugrp * params.npunit * params.nchunk * params.nsectr *
			       params.nbytes);
	}
	return LNM_MKIMAGE_EXIT_OK;
}
