/*
 * lnvm-fault: set, clear and list the deterministic media faults of a device image (see
 * FORMAT.md, "Injected faults"). The image must not be open: the tool takes its flock.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_io.h"
#include "image.h"

#define LNM_FAULT_EXIT_OK 0
#define LNM_FAULT_EXIT_FAIL 1
#define LNM_FAULT_EXIT_USAGE 2

static const char lnm_usage[] =
	"usage: lnvm-fault IMAGE COMMAND [ARGS]\n"
	"\n"
	"Inject deterministic media faults into an lnvmd device-model image (not open elsewhere).\n"
	"\n"
	"commands:\n"
	"  read-error G/P/C/S [N]  reads of the N sectors from S [1] of chunk C of unit P in group "
	"G\n"
	"                          return their data with status 0x2D0 (read high ECC)\n"
	"  write-fault G/P/C       writes to the chunk fail with 0x280 (write fault), nothing "
	"applied\n"
	"  early-close G/P/C       the next write to the chunk applies, then the chunk closes: "
	"0x2F1\n"
	"  endurance N [G/P/C]     the chunk (every chunk without G/P/C) survives N more resets "
	"in\n"
	"                          total (wli rises to 255 over them); the next reset fails with "
	"0x2C0\n"
	"                          and takes the chunk OFFLINE; 0 removes the limit\n"
	"  clear [G/P/C]           remove every fault and limit of the chunk (every chunk without "
	"G/P/C)\n"
	"  list                    print the chunks with faults, one per line\n"
	"  -h, --help              print this help\n"
	"\n"
	"exit status: 0 done, 1 failed (e.g. the image is open), 2 usage error\n";

struct lnm_fault_image {
	int fd;
	struct lnm_sb sb;
	uint64_t nchunks;
};

static int lnm_usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "lnvm-fault: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fprintf(stderr, "try 'lnvm-fault --help'\n");
	return LNM_FAULT_EXIT_USAGE;
}

static int lnm_fail(const char *path, const char *what)
{
	fprintf(stderr, "lnvm-fault: %s: %s\n", path, what);
	return LNM_FAULT_EXIT_FAIL;
}

static int lnm_parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* The global index of chunk "G/P/C" (with_sectr: "G/P/C/S", *sectr set), or -1. */
static int64_t lnm_parse_chunk(const struct lnm_fault_image *img, const char *s, int with_sectr,
			       uint64_t *sectr)
{
	unsigned long long g, p, c, sec = 0;
	char tail;
	int n = with_sectr ? sscanf(s, "%llu/%llu/%llu/%llu%c", &g, &p, &c, &sec, &tail)
			   : sscanf(s, "%llu/%llu/%llu%c", &g, &p, &c, &tail);

	if (n != (with_sectr ? 4 : 3) || g >= img->sb.npugrp || p >= img->sb.npunit ||
	    c >= img->sb.nchunk || sec >= img->sb.nsectr)
		return -1;
	if (sectr)
		*sectr = sec;
	return (int64_t)((g * img->sb.npunit + p) * img->sb.nchunk + c);
}

static int lnm_image_open(const char *path, struct lnm_fault_image *img)
{
	struct stat st;

	img->fd = open(path, O_RDWR | O_CLOEXEC);
	if (img->fd < 0)
		return lnm_fail(path, strerror(errno));
	if (flock(img->fd, LOCK_EX | LOCK_NB))
		return lnm_fail(path, errno == EWOULDBLOCK
					      ? "in use (open by a device; close it first)"
					      : strerror(errno));
	if (fstat(img->fd, &st) || lnm_pread_all(img->fd, &img->sb, sizeof(img->sb), 0) ||
	    lnm_sb_validate(&img->sb, (uint64_t)st.st_size))
		return lnm_fail(path, "not a valid device image");
	img->nchunks = img->sb.npugrp * img->sb.npunit * img->sb.nchunk;
	return LNM_FAULT_EXIT_OK;
}

/* Read chunk's current record; returns its slot, or -1. */
static int lnm_rec_load(const struct lnm_fault_image *img, uint64_t chunk,
			struct lnm_chunk_rec *rec)
{
	struct lnm_chunk_slot slots[LNM_CHUNK_NSLOTS];
	char raw[LNM_CHUNK_NSLOTS * LNM_CHUNK_SLOT_NBYTES];
	int pick;

	if (lnm_pread_all(img->fd, raw, LNM_CHUNK_NSLOTS * lnm_chunk_slot_nbytes(&img->sb),
			  lnm_chunk_slot_off(&img->sb, chunk, 0)))
		return -1;
	lnm_chunk_slots_decode(&img->sb, raw, 0, slots);
	pick = lnm_chunk_slot_pick(&img->sb, slots);
	if (pick >= 0)
		*rec = slots[pick].rec;
	return pick;
}

/* Write rec as chunk's next generation, into the slot not holding the current one. */
static int lnm_rec_store(const struct lnm_fault_image *img, uint64_t chunk, int slot,
			 struct lnm_chunk_rec *rec)
{
	rec->gen += 1; /* the data is unchanged: the cover vouches for nothing */
	return lnm_chunk_slot_store(img->fd, &img->sb, chunk, (unsigned)slot ^ 1u, *rec, rec->wp,
				    0);
}

enum lnm_fault_cmd {
	LNM_CMD_READ_ERROR,
	LNM_CMD_WRITE_FAULT,
	LNM_CMD_EARLY_CLOSE,
	LNM_CMD_ENDURANCE,
	LNM_CMD_CLEAR,
};

struct lnm_fault_change {
	enum lnm_fault_cmd cmd;
	uint64_t sectr;
	uint64_t n;
};

static void lnm_fault_apply(const struct lnm_fault_change *ch, struct lnm_chunk_rec *rec)
{
	switch (ch->cmd) {
	case LNM_CMD_READ_ERROR:
		rec->faults |= LNM_FAULT_READ_ECC;
		rec->read_sectr = (uint32_t)ch->sectr;
		rec->read_nsectr = (uint16_t)ch->n;
		break;
	case LNM_CMD_WRITE_FAULT:
		rec->faults |= LNM_FAULT_WRITE;
		break;
	case LNM_CMD_EARLY_CLOSE:
		rec->faults |= LNM_FAULT_EARLY_CLOSE;
		break;
	case LNM_CMD_ENDURANCE:
		rec->endurance = (uint16_t)ch->n;
		break;
	case LNM_CMD_CLEAR:
		rec->faults = 0;
		rec->endurance = 0;
		rec->read_sectr = 0;
		rec->read_nsectr = 0;
		break;
	}
}

static int lnm_fault_change_chunks(const char *path, const struct lnm_fault_image *img,
				   const struct lnm_fault_change *ch, int64_t only)
{
	for (uint64_t i = 0; i < img->nchunks; ++i) {
		struct lnm_chunk_rec rec;
		int slot;

		if (only >= 0 && i != (uint64_t)only)
			continue;
		slot = lnm_rec_load(img, i, &rec);
		if (slot < 0)
			return lnm_fail(path, "chunk table is damaged");
		lnm_fault_apply(ch, &rec);
		if (lnm_rec_store(img, i, slot, &rec))
			return lnm_fail(path, strerror(errno));
	}
	if (fsync(img->fd))
		return lnm_fail(path, strerror(errno));
	return LNM_FAULT_EXIT_OK;
}

static int lnm_fault_list(const char *path, const struct lnm_fault_image *img)
{
	for (uint64_t i = 0; i < img->nchunks; ++i) {
		const uint64_t pu = i / img->sb.nchunk;
		struct lnm_chunk_rec rec;

		if (lnm_rec_load(img, i, &rec) < 0)
			return lnm_fail(path, "chunk table is damaged");
		if (!rec.faults && !rec.endurance)
			continue;
		printf("%" PRIu64 "/%" PRIu64 "/%" PRIu64 ":", pu / img->sb.npunit,
		       pu % img->sb.npunit, i % img->sb.nchunk);
		if (rec.faults & LNM_FAULT_READ_ECC)
			printf(" read-error %u+%u", rec.read_sectr, rec.read_nsectr);
		if (rec.faults & LNM_FAULT_WRITE)
			printf(" write-fault");
		if (rec.faults & LNM_FAULT_EARLY_CLOSE)
			printf(" early-close");
		if (rec.endurance)
			printf(" endurance %u (resets %u)", rec.endurance, rec.nerase);
		printf("\n");
	}
	return LNM_FAULT_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct lnm_fault_image img = { .fd = -1 };
	struct lnm_fault_change ch = { .n = 1 };
	const char *path, *cmd;
	int64_t chunk = -1;
	int rc;

	for (int i = 1; i < argc; ++i) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(lnm_usage, stdout);
			return LNM_FAULT_EXIT_OK;
		}
	}
	if (argc < 3)
		return lnm_usage_error("missing IMAGE or COMMAND", NULL);
	path = argv[1];
	cmd = argv[2];
	if (strcmp(cmd, "read-error") && strcmp(cmd, "write-fault") && strcmp(cmd, "early-close") &&
	    strcmp(cmd, "endurance") && strcmp(cmd, "clear") && strcmp(cmd, "list"))
		return lnm_usage_error("unknown command", cmd);
	rc = lnm_image_open(path, &img);
	if (rc)
		return rc;
	if (!strcmp(cmd, "list"))
		return argc == 3 ? lnm_fault_list(path, &img)
				 : lnm_usage_error("list takes no arguments", NULL);
	if (!strcmp(cmd, "read-error")) {
		ch.cmd = LNM_CMD_READ_ERROR;
		if (argc < 4 || argc > 5)
			return lnm_usage_error("read-error takes G/P/C/S [N]", NULL);
		chunk = lnm_parse_chunk(&img, argv[3], 1, &ch.sectr);
		if (argc == 5 && (lnm_parse_u64(argv[4], &ch.n) || !ch.n || ch.n > UINT16_MAX ||
				  ch.sectr + ch.n > img.sb.nsectr))
			return lnm_usage_error("N must be 1..65535 and stay within the chunk",
					       argv[4]);
	} else if (!strcmp(cmd, "write-fault") || !strcmp(cmd, "early-close")) {
		ch.cmd = cmd[0] == 'w' ? LNM_CMD_WRITE_FAULT : LNM_CMD_EARLY_CLOSE;
		if (argc != 4)
			return lnm_usage_error("takes G/P/C", cmd);
		chunk = lnm_parse_chunk(&img, argv[3], 0, NULL);
	} else if (!strcmp(cmd, "endurance")) {
		ch.cmd = LNM_CMD_ENDURANCE;
		if (argc < 4 || argc > 5 || lnm_parse_u64(argv[3], &ch.n) || ch.n > UINT16_MAX)
			return lnm_usage_error("endurance takes N (0..65535) [G/P/C]", NULL);
		chunk = argc == 5 ? lnm_parse_chunk(&img, argv[4], 0, NULL) : -2;
	} else {
		ch.cmd = LNM_CMD_CLEAR;
		if (argc > 4)
			return lnm_usage_error("clear takes [G/P/C]", NULL);
		chunk = argc == 4 ? lnm_parse_chunk(&img, argv[3], 0, NULL) : -2;
	}
	if (chunk == -1)
		return lnm_usage_error("not a chunk (or sector) inside the geometry",
				       argv[argc - 1]);
	return lnm_fault_change_chunks(path, &img, &ch, chunk < 0 ? -1 : chunk);
}
