/*
 * cli.c: liblightnvm's command-line parser (nvm_cli_init/run/destroy): argv is "PROG COMMAND
 * ARGS [-OPTIONS]"; the command's argument type says how ARGS parse; NVM_CLI_* environment
 * variables set the device's options; -c/-m/-d files are loaded into I/O buffers.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liblightnvm_cli.h"

/* How the positional arguments of one type parse after dev_path. */
enum lnm_cli_field {
	LNM_F_END,
	LNM_F_HEXADDR, /* a generic address in hex */
	LNM_F_DEC,     /* dec_vals[] */
	LNM_F_HEX,     /* hex_vals[] */
	LNM_F_CH,      /* 1.2 view of the current address */
	LNM_F_LUN,
	LNM_F_PL,
	LNM_F_BLK,
	LNM_F_PG,
	LNM_F_SEC,
	LNM_F_PUGRP, /* 2.0 view of the current address */
	LNM_F_PUNIT,
	LNM_F_CHUNK,
	LNM_F_SECTR,
	LNM_F_NEXT, /* start the next address */
};

struct lnm_cli_arg_spec {
	const char *usage;
	int list;		  /* 1: any number of the first field, up to the next option */
	enum lnm_cli_field f[14]; /* fields in order; LNM_F_END ends */
};

static const struct lnm_cli_arg_spec lnm_cli_args[] = {
	[NVM_CLI_ARG_NONE] = { "", 0, { LNM_F_END } },
	[NVM_CLI_ARG_DEV_PATH] = { "dev_path", 0, { LNM_F_END } },
	[NVM_CLI_ARG_DECVAL] = { "dev_path val", 0, { LNM_F_DEC } },
	[NVM_CLI_ARG_DECVAL_LIST] = { "dev_path val [val...]", 1, { LNM_F_DEC } },
	[NVM_CLI_ARG_DECVAL_BEGIN_END] = { "dev_path begin end", 0, { LNM_F_DEC, LNM_F_DEC } },
	[NVM_CLI_ARG_HEXVAL] = { "dev_path 0xVAL", 0, { LNM_F_HEX } },
	[NVM_CLI_ARG_HEXVAL_LIST] = { "dev_path 0xVAL [0xVAL...]", 1, { LNM_F_HEX } },
	[NVM_CLI_ARG_ADDR] = { "dev_path 0xADDR", 0, { LNM_F_HEXADDR } },
	[NVM_CLI_ARG_ADDR_LIST] = { "dev_path 0xADDR [0xADDR...]", 1, { LNM_F_HEXADDR } },
	[NVM_CLI_ARG_ADDR_SRC_DST] = { "dev_path 0xSRC 0xDST",
				       0,
				       { LNM_F_HEXADDR, LNM_F_HEXADDR } },
	[NVM_CLI_ARG_ADDR_LUN] = { "dev_path ch lun", 0, { LNM_F_CH, LNM_F_LUN } },
	[NVM_CLI_ARG_ADDR_BLK] = { "dev_path ch lun blk", 0, { LNM_F_CH, LNM_F_LUN, LNM_F_BLK } },
	[NVM_CLI_ARG_ADDR_PG] = { "dev_path ch lun blk pg",
				  0,
				  { LNM_F_CH, LNM_F_LUN, LNM_F_BLK, LNM_F_PG } },
	[NVM_CLI_ARG_ADDR_SEC] = { "dev_path ch lun pl blk pg sec",
				   0,
				   { LNM_F_CH, LNM_F_LUN, LNM_F_PL, LNM_F_BLK, LNM_F_PG,
				     LNM_F_SEC } },
	[NVM_CLI_ARG_ADDR_LUN_HEXVAL] = { "dev_path ch lun 0xVAL",
					  0,
					  { LNM_F_CH, LNM_F_LUN, LNM_F_HEX } },
	[NVM_CLI_ARG_ADDR_BLK_HEXVAL] = { "dev_path ch lun blk 0xVAL",
					  0,
					  { LNM_F_CH, LNM_F_LUN, LNM_F_BLK, LNM_F_HEX } },
	[NVM_CLI_ARG_ADDR_CHK_HEXVAL] = { "dev_path grp pu chk 0xVAL",
					  0,
					  { LNM_F_PUGRP, LNM_F_PUNIT, LNM_F_CHUNK, LNM_F_HEX } },
	[NVM_CLI_ARG_ADDR_CHK_VAL_HEXVAL] = { "dev_path grp pu chk NADDRS 0xOPT",
					      0,
					      { LNM_F_PUGRP, LNM_F_PUNIT, LNM_F_CHUNK, LNM_F_DEC,
						LNM_F_HEX } },
	[NVM_CLI_ARG_VCOPY] = { "dev_path ch lun blk ch lun blk",
				0,
				{ LNM_F_CH, LNM_F_LUN, LNM_F_BLK, LNM_F_NEXT, LNM_F_CH, LNM_F_LUN,
				  LNM_F_BLK } },
	[NVM_CLI_ARG_VCOPY_S20] = { "dev_path pugrp punit chunk pugrp punit chunk",
				    0,
				    { LNM_F_PUGRP, LNM_F_PUNIT, LNM_F_CHUNK, LNM_F_NEXT,
				      LNM_F_PUGRP, LNM_F_PUNIT, LNM_F_CHUNK } },
	[NVM_CLI_ARG_ADDR_S12] = { "dev_path ch lun blk pl pg sec",
				   0,
				   { LNM_F_CH, LNM_F_LUN, LNM_F_BLK, LNM_F_PL, LNM_F_PG,
				     LNM_F_SEC } },
	[NVM_CLI_ARG_ADDR_S20] = { "dev_path pugrp punit chunk sectr",
				   0,
				   { LNM_F_PUGRP, LNM_F_PUNIT, LNM_F_CHUNK, LNM_F_SECTR } },
	/* lines are given as two corner addresses: (ch_bgn, lun_bgn, blk), (ch_end, lun_end, blk)
	 */
	[NVM_CLI_ARG_VBLK_LINE] = { "dev_path ch_bgn ch_end lun_bgn lun_end blk",
				    0,
				    { LNM_F_END } },
	[NVM_CLI_ARG_VBLK_LINE_POS] = { "dev_path ch_bgn ch_end lun_bgn lun_end blk count offset",
					0,
					{ LNM_F_END } },
	[NVM_CLI_ARG_REGISTER] = { "dev_path 0xREG", 0, { LNM_F_HEX } },
	[NVM_CLI_ARG_REGISTER_VALUE] = { "dev_path 0xREG 0xVAL", 0, { LNM_F_HEX, LNM_F_HEX } },
	[NVM_CLI_ARG_COUNT_OFFSET] = { "dev_path count offset", 0, { LNM_F_DEC, LNM_F_DEC } },
};

#define LNM_CLI_NARG_TYPES (sizeof(lnm_cli_args) / sizeof(lnm_cli_args[0]))
#define LNM_CLI_VALS_MAX 1024

static int lnm_cli_einval(void)
{
	errno = EINVAL;
	return -1;
}

/* Store one argument s as field f; returns 0 or -1 (EINVAL when a list is full). */
static int lnm_cli_store(struct nvm_cli_cmd_args *args, enum lnm_cli_field f, const char *s)
{
	struct nvm_addr *a = &args->addrs[args->naddrs ? args->naddrs - 1 : 0];
	const unsigned long v = strtoul(s, NULL, 10);

	if (args->naddrs >= LNM_CLI_VALS_MAX || args->ndec_vals >= LNM_CLI_VALS_MAX ||
	    args->nhex_vals >= LNM_CLI_VALS_MAX)
		return lnm_cli_einval();
	if (f >= LNM_F_CH && !args->naddrs) {
		args->addrs[0].val = 0;
		args->naddrs = 1;
	}
	switch (f) {
	case LNM_F_HEXADDR:
		args->addrs[args->naddrs++].val = strtoull(s, NULL, 16);
		break;
	case LNM_F_DEC:
		args->dec_vals[args->ndec_vals++] = v;
		break;
	case LNM_F_HEX:
		args->hex_vals[args->nhex_vals++] = strtoull(s, NULL, 16);
		break;
	case LNM_F_CH:
		a->g.ch = v;
		break;
	case LNM_F_LUN:
		a->g.lun = v;
		break;
	case LNM_F_PL:
		a->g.pl = v;
		break;
	case LNM_F_BLK:
		a->g.blk = v;
		break;
	case LNM_F_PG:
		a->g.pg = v;
		break;
	case LNM_F_SEC:
		a->g.sec = v;
		break;
	case LNM_F_PUGRP:
		a->l.pugrp = v;
		break;
	case LNM_F_PUNIT:
		a->l.punit = v;
		break;
	case LNM_F_CHUNK:
		a->l.chunk = v;
		break;
	case LNM_F_SECTR:
		a->l.sectr = v;
		break;
	default:
		break;
	}
	return 0;
}

/* A vblk line: ch_bgn ch_end lun_bgn lun_end blk [count offset]. */
static int lnm_cli_parse_line(struct nvm_cli_cmd_args *args, int argc, char **argv, int with_pos)
{
	const int n = with_pos ? 7 : 5;

	if (argc < n)
		return lnm_cli_einval();
	memset(args->addrs, 0, 2 * sizeof(args->addrs[0]));
	args->addrs[0].g.ch = strtoul(argv[0], NULL, 10);
	args->addrs[1].g.ch = strtoul(argv[1], NULL, 10);
	args->addrs[0].g.lun = strtoul(argv[2], NULL, 10);
	args->addrs[1].g.lun = strtoul(argv[3], NULL, 10);
	args->addrs[0].g.blk = args->addrs[1].g.blk = strtoul(argv[4], NULL, 10);
	args->naddrs = 2;
	if (with_pos) {
		args->dec_vals[0] = strtoul(argv[5], NULL, 10);
		args->dec_vals[1] = strtoul(argv[6], NULL, 10);
		args->ndec_vals = 2;
	}
	return n;
}

/* Parse the positional arguments of cli->cmd; returns how many argv entries they took, or -1. */
static int lnm_cli_parse_args(struct nvm_cli *cli, int argc, char **argv)
{
	const enum nvm_cli_cmd_arg_type type = cli->cmd.arg_type;
	const struct lnm_cli_arg_spec *spec;
	int used = 0;

	if ((unsigned)type >= LNM_CLI_NARG_TYPES)
		return lnm_cli_einval();
	if (type == NVM_CLI_ARG_NONE)
		return 0;
	if (argc < 1 || !argv[0][0] || strlen(argv[0]) >= sizeof(cli->args.dev_path))
		return lnm_cli_einval();
	strcpy(cli->args.dev_path, argv[0]);
	used = 1;
	if (type == NVM_CLI_ARG_VBLK_LINE || type == NVM_CLI_ARG_VBLK_LINE_POS) {
		int n = lnm_cli_parse_line(&cli->args, argc - 1, argv + 1,
					   type == NVM_CLI_ARG_VBLK_LINE_POS);

		return n < 0 ? -1 : used + n;
	}
	spec = &lnm_cli_args[type];
	if (spec->list) {
		while (used < argc && argv[used][0] != '-') {
			if (lnm_cli_store(&cli->args, spec->f[0], argv[used]))
				return -1;
			++used;
		}
		return used;
	}
	for (int k = 0; spec->f[k] != LNM_F_END; ++k) {
		if (spec->f[k] == LNM_F_NEXT) {
			if (cli->args.naddrs >= LNM_CLI_VALS_MAX)
				return lnm_cli_einval();
			cli->args.addrs[cli->args.naddrs++].val = 0;
			continue;
		}
		if (used >= argc)
			return lnm_cli_einval();
		if (lnm_cli_store(&cli->args, spec->f[k], argv[used++]))
			return -1;
	}
	return used;
}

static int lnm_cli_parse_opts(struct nvm_cli *cli, int argc, char **argv)
{
	struct nvm_cli_opts *o = &cli->opts;
	int opt;

	optind = 0; /* fresh getopt state; argv[0] is skipped */
	while ((opt = getopt(argc, argv, ":hbvstc:m:d:i:o:n:x:")) != -1) {
		switch (opt) {
		case 'h':
			o->mask |= NVM_CLI_OPT_HELP;
			o->help = 1;
			break;
		case 'b':
			o->mask |= NVM_CLI_OPT_BRIEF;
			o->brief = 1;
			break;
		case 'v':
			o->mask |= NVM_CLI_OPT_VERBOSE;
			o->verbose = 1;
			break;
		case 's':
			o->mask |= NVM_CLI_OPT_STATUS;
			o->status = 1;
			break;
		case 't':
			o->mask |= NVM_CLI_OPT_TERSE;
			o->terse = 1;
			break;
		case 'c':
			o->mask |= NVM_CLI_OPT_FILE_CMD;
			o->pfile.cmd_path = optarg;
			o->pfile.cmd_nbytes = NVM_CLI_OPTS_PFILE_CMD_NBYTES;
			break;
		case 'm':
			o->mask |= NVM_CLI_OPT_FILE_META;
			o->pfile.meta_path = optarg;
			o->pfile.meta_nbytes = NVM_CLI_OPTS_PFILE_MAX_NBYTES;
			break;
		case 'd':
			o->mask |= NVM_CLI_OPT_FILE_DATA;
			o->pfile.data_path = optarg;
			o->pfile.data_nbytes = NVM_CLI_OPTS_PFILE_MAX_NBYTES;
			break;
		case 'i':
			o->mask |= NVM_CLI_OPT_FILE_INPUT;
			o->file_input = optarg;
			break;
		case 'o':
			o->mask |= NVM_CLI_OPT_FILE_OUTPUT;
			o->file_output = optarg;
			break;
		case 'n':
			o->mask |= NVM_CLI_OPT_VAL_DEC;
			o->dec_val = strtoul(optarg, NULL, 10);
			break;
		case 'x':
			o->mask |= NVM_CLI_OPT_VAL_HEX;
			o->hex_val = strtoull(optarg, NULL, 16);
			break;
		default:
			return lnm_cli_einval();
		}
	}
	return 0;
}

/* The value of environment variable name in base, or dflt when unset. */
static long lnm_cli_env(const char *name, int base, long dflt)
{
	const char *s = getenv(name);

	return s ? strtol(s, NULL, base) : dflt;
}

/* Read NVM_CLI_* and apply them to the device; check the parsed addresses. 0 or -1. */
static int lnm_cli_setup(struct nvm_cli *cli)
{
	struct nvm_cli_evars *e = &cli->evars;
	struct nvm_dev *dev;

	e->cmd_opts = (int)lnm_cli_env("NVM_CLI_CMD_OPTS", 16, e->cmd_opts);
	if (cli->cmd.arg_type == NVM_CLI_ARG_NONE)
		return 0;
	dev = nvm_dev_open(cli->args.dev_path);
	if (!dev) {
		perror("# nvm_dev_open");
		return -1;
	}
	cli->args.dev = dev;
	cli->args.geo = nvm_dev_get_geo(dev);
	e->pmode = (int)lnm_cli_env("NVM_CLI_PMODE", 16, nvm_dev_get_pmode(dev));
	e->meta_mode = (int)lnm_cli_env("NVM_CLI_META_MODE", 16, nvm_dev_get_meta_mode(dev));
	e->noverify = getenv("NVM_CLI_NOVERIFY") != NULL;
	e->meta_pr = getenv("NVM_CLI_META_PR") != NULL;
	e->erase_naddrs_max = (int)lnm_cli_env("NVM_CLI_ERASE_NADDRS_MAX", 10,
					       nvm_dev_get_erase_naddrs_max(dev));
	e->read_naddrs_max = (int)lnm_cli_env("NVM_CLI_READ_NADDRS_MAX", 10,
					      nvm_dev_get_read_naddrs_max(dev));
	e->write_naddrs_max = (int)lnm_cli_env("NVM_CLI_WRITE_NADDRS_MAX", 10,
					       nvm_dev_get_write_naddrs_max(dev));
	if (nvm_dev_set_pmode(dev, e->pmode) || nvm_dev_set_meta_mode(dev, e->meta_mode) ||
	    nvm_dev_set_erase_naddrs_max(dev, e->erase_naddrs_max) ||
	    nvm_dev_set_read_naddrs_max(dev, e->read_naddrs_max) ||
	    nvm_dev_set_write_naddrs_max(dev, e->write_naddrs_max)) {
		perror("# NVM_CLI_* environment");
		return -1;
	}
	for (int i = 0; i < cli->args.naddrs && !e->noverify; ++i) {
		int bounds = nvm_addr_check(cli->args.addrs[i], dev);

		if (bounds) {
			nvm_addr_pr(cli->args.addrs[i]);
			printf("\n");
			nvm_cli_info_pr("Exceeded");
			nvm_bounds_pr(bounds);
			return lnm_cli_einval();
		}
	}
	return 0;
}

static void lnm_cli_pfile_unload(struct nvm_cli *cli)
{
	struct nvm_cli_opts_pfile *p = &cli->opts.pfile;

	for (int i = 0; i < NVM_CLI_OPTS_PFILE_COUNT; ++i) {
		nvm_buf_free(cli->args.dev, p->bufs[i]);
		nvm_buf_free(cli->args.dev, p->dups[i]);
		p->bufs[i] = p->dups[i] = NULL;
	}
}

/* Load each option file (at most its nbytes) into a buffer and a pristine copy; nbytes becomes
 * the file's size. 0, or -1 with errno. */
static int lnm_cli_pfile_load(struct nvm_cli *cli)
{
	struct nvm_cli_opts_pfile *p = &cli->opts.pfile;

	for (int i = 0; i < NVM_CLI_OPTS_PFILE_COUNT; ++i) {
		FILE *f;
		size_t n;

		if (!p->nbytes[i])
			continue;
		p->dups[i] = nvm_buf_alloc(cli->args.dev, p->nbytes[i], NULL);
		f = p->dups[i] ? fopen(p->paths[i], "rb") : NULL;
		if (!f)
			return -1;
		n = fread(p->dups[i], 1, p->nbytes[i], f);
		fclose(f);
		p->bufs[i] = nvm_buf_alloc(cli->args.dev, n ? n : 1, NULL);
		if (!p->bufs[i])
			return -1;
		memcpy(p->bufs[i], p->dups[i], n);
		p->nbytes[i] = n;
	}
	return 0;
}

int nvm_cli_opts_pfile_dump(struct nvm_cli *cli)
{
	struct nvm_cli_opts_pfile *p;

	if (!cli)
		return lnm_cli_einval();
	p = &cli->opts.pfile;
	for (int i = 0; i < NVM_CLI_OPTS_PFILE_COUNT; ++i) {
		if (!p->bufs[i] || !p->dups[i] || !p->nbytes[i] ||
		    !nvm_buf_diff(p->bufs[i], p->dups[i], p->nbytes[i]))
			continue;
		if (nvm_buf_to_file(p->bufs[i], p->nbytes[i], p->paths[i]))
			return -1;
	}
	return 0;
}

static int lnm_cli_help_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; ++i) {
		if (!strcmp(argv[i], "-h"))
			return 1;
	}
	return 0;
}

int nvm_cli_init(struct nvm_cli *cli, int argc, char *argv[])
{
	int used;

	if (!cli || argc < 1 || !argv || strlen(argv[0]) >= NVM_CLI_CMD_LEN)
		return lnm_cli_einval();
	strcpy(cli->name, argv[0]);
	if (argc == 1 || lnm_cli_help_wanted(argc, argv)) {
		cli->opts.help = 1;
		return 0;
	}
	for (int i = 0; i < cli->ncmds; ++i) {
		if (!strcmp(argv[1], cli->cmds[i].name)) {
			cli->cmd = cli->cmds[i];
			break;
		}
	}
	if (!cli->cmd.func)
		return lnm_cli_einval();
	used = lnm_cli_parse_args(cli, argc - 2, argv + 2);
	if (used < 0)
		return lnm_cli_einval();
	/* options follow the positional arguments; getopt skips its argv[0] */
	if (lnm_cli_parse_opts(cli, argc - 1 - used, argv + 1 + used))
		return -1;
	if (lnm_cli_setup(cli) || lnm_cli_pfile_load(cli)) {
		lnm_cli_pfile_unload(cli);
		nvm_dev_close(cli->args.dev);
		cli->args.dev = NULL;
		return lnm_cli_einval();
	}
	return 0;
}

int nvm_cli_run(struct nvm_cli *cli)
{
	if (!cli)
		return lnm_cli_einval();
	if (cli->opts.help) {
		nvm_cli_usage_pr(cli);
		return 0;
	}
	if (cli->cmd.func(cli)) {
		char msg[NVM_CLI_CMD_LEN + 3];

		snprintf(msg, sizeof(msg), "# %s", cli->cmd.name);
		perror(msg);
		return 1;
	}
	return 0;
}

void nvm_cli_destroy(struct nvm_cli *cli)
{
	if (!cli)
		return;
	lnm_cli_pfile_unload(cli);
	nvm_dev_close(cli->args.dev);
	cli->args.dev = NULL;
}

void nvm_cli_usage_pr(struct nvm_cli *cli)
{
	if (!cli)
		return;
	if (cli->title) {
		printf("%s -- ", cli->title);
		if (cli->ver_pr)
			cli->ver_pr();
		else
			nvm_ver_pr();
		printf("\n");
	}
	if (cli->descr_short)
		printf("\n%s\n", cli->descr_short);
	printf("\nUsage:\n");
	for (int i = 0; i < cli->ncmds; ++i) {
		const unsigned type = (unsigned)cli->cmds[i].arg_type;

		printf(" %s %12s %s\n", cli->name, cli->cmds[i].name,
		       type < LNM_CLI_NARG_TYPES ? lnm_cli_args[type].usage : "");
	}
	printf("\nOptions:\n -h  print this help\n -b  brief\n -v  verbose\n -t  terse\n"
	       " -c/-m/-d FILE  command, meta, data file\n -i/-o FILE  input, output file\n"
	       " -n VAL  decimal value\n -x VAL  hex value\n");
	if (cli->descr_long)
		printf("\n%s\n", cli->descr_long);
}

void nvm_cli_cmd_args_pr(struct nvm_cli_cmd_args *args)
{
	printf("cli_args:");
	if (!args) {
		printf(" ~\n");
		return;
	}
	printf("\n  dev_path: '%s'\n", args->dev_path);
	printf("  ndec_vals: %d\n  dec_vals:%s\n", args->ndec_vals, args->ndec_vals ? "" : " ~");
	for (int i = 0; i < args->ndec_vals; ++i)
		printf("  - %zu\n", args->dec_vals[i]);
	printf("  nhex_vals: %d\n  hex_vals:%s\n", args->nhex_vals, args->nhex_vals ? "" : " ~");
	for (int i = 0; i < args->nhex_vals; ++i)
		printf("  - 0x%016" PRIx64 "\n", args->hex_vals[i]);
	printf("cli_args_");
	nvm_addr_prn(args->addrs, (unsigned)args->naddrs, args->dev);
}

void nvm_cli_opts_pfile_pr(struct nvm_cli_opts_pfile *pfile)
{
	printf("cli_opts_pfile:");
	if (!pfile) {
		printf(" ~\n");
		return;
	}
	printf("\n  cmd_path: %s\n  cmd_nbytes: %zu\n", pfile->cmd_path ? pfile->cmd_path : "~",
	       pfile->cmd_nbytes);
	printf("  meta_path: %s\n  meta_nbytes: %zu\n", pfile->meta_path ? pfile->meta_path : "~",
	       pfile->meta_nbytes);
	printf("  data_path: %s\n  data_nbytes: %zu\n", pfile->data_path ? pfile->data_path : "~",
	       pfile->data_nbytes);
}

void nvm_cli_opts_pr(struct nvm_cli_opts *opts)
{
	printf("cli_opts:");
	if (!opts) {
		printf(" ~\n");
		return;
	}
	printf("\n  mask: 0x%08x\n  help: %d\n  brief: %d\n  verbose: %d\n  terse: %d\n",
	       opts->mask, opts->help, opts->brief, opts->verbose, opts->terse);
	printf("  dec_val: %zu\n  hex_val: 0x%016zx\n", opts->dec_val, opts->hex_val);
	printf("  file_input: %s\n  file_output: %s\n", opts->file_input ? opts->file_input : "~",
	       opts->file_output ? opts->file_output : "~");
}

void nvm_cli_evars_pr(struct nvm_cli_evars *evars)
{
	printf("nvm_cli_evars:");
	if (!evars) {
		printf(" ~\n");
		return;
	}
	printf("\n  pmode: 0x%02x\n  meta_mode: %d\n  noverify: %d\n", evars->pmode,
	       evars->meta_mode, evars->noverify);
	printf("  erase_naddrs_max: %d\n  read_naddrs_max: %d\n  write_naddrs_max: %d\n",
	       evars->erase_naddrs_max, evars->read_naddrs_max, evars->write_naddrs_max);
	printf("  meta_pr: %d\n", evars->meta_pr);
}

void nvm_cli_pr(struct nvm_cli *cli)
{
	if (!cli) {
		printf("cli: ~\n");
		return;
	}
	printf("cli:\n  name: '%s'\n  cmd: '%s'\n", cli->name, cli->cmd.name);
	nvm_cli_cmd_args_pr(&cli->args);
	nvm_cli_opts_pr(&cli->opts);
	nvm_cli_opts_pfile_pr(&cli->opts.pfile);
	nvm_cli_evars_pr(&cli->evars);
}
