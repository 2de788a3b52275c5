/*
 * liblightnvm_cli.h: liblightnvm's command-line helper API (liblightnvm 0.1.x layouts on x86-64):
 * a table-driven parser for "PROG COMMAND ARGS [-OPTIONS]" programs that opens the device, the
 * NVM_CLI_* environment variables, option files, a process-wide stopwatch and small printers.
 */
#ifndef LIBLIGHTNVM_CLI_H
#define LIBLIGHTNVM_CLI_H

#include <stddef.h>

#include "liblightnvm.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NVM_CLI_CMD_LEN 50

struct nvm_cli;

/* Environment variables read by nvm_cli_init: NVM_CLI_PMODE (hex; only SNGL applies to 2.0),
 * NVM_CLI_META_MODE (hex), NVM_CLI_NOVERIFY (skip the bounds check of parsed addresses),
 * NVM_CLI_META_PR, NVM_CLI_ERASE/READ/WRITE_NADDRS_MAX (decimal), NVM_CLI_CMD_OPTS (hex). The
 * values are applied to the opened device's options. */
enum nvm_cli_evar_type {
	NVM_CLI_PMODE,
	NVM_CLI_META_MODE,
	NVM_CLI_NOVERIFY,
	NVM_CLI_ERASE_NADDRS_MAX,
	NVM_CLI_READ_NADDRS_MAX,
	NVM_CLI_WRITE_NADDRS_MAX,
};

struct nvm_cli_evars {
	int pmode;
	int meta_mode;
	int noverify;
	int erase_naddrs_max;
	int read_naddrs_max;
	int write_naddrs_max;
	int meta_pr;
	int cmd_opts;
};

/* The positional arguments a command takes after its name (every type but NONE starts with the
 * device path). Addresses given as 0xADDR are generic addresses in hex; the named forms are
 * decimal fields. */
enum nvm_cli_cmd_arg_type {
	NVM_CLI_ARG_NONE,		 /* nothing */
	NVM_CLI_ARG_DEV_PATH,		 /* dev_path */
	NVM_CLI_ARG_DECVAL,		 /* dev_path val */
	NVM_CLI_ARG_DECVAL_LIST,	 /* dev_path val [val...] */
	NVM_CLI_ARG_DECVAL_BEGIN_END,	 /* dev_path begin end */
	NVM_CLI_ARG_HEXVAL,		 /* dev_path 0xVAL */
	NVM_CLI_ARG_HEXVAL_LIST,	 /* dev_path 0xVAL [0xVAL...] */
	NVM_CLI_ARG_ADDR,		 /* dev_path 0xADDR */
	NVM_CLI_ARG_ADDR_LIST,		 /* dev_path 0xADDR [0xADDR...] */
	NVM_CLI_ARG_ADDR_SRC_DST,	 /* dev_path 0xSRC 0xDST */
	NVM_CLI_ARG_ADDR_LUN,		 /* dev_path ch lun */
	NVM_CLI_ARG_ADDR_BLK,		 /* dev_path ch lun blk */
	NVM_CLI_ARG_ADDR_PG,		 /* dev_path ch lun blk pg */
	NVM_CLI_ARG_ADDR_SEC,		 /* dev_path ch lun pl blk pg sec */
	NVM_CLI_ARG_ADDR_LUN_HEXVAL,	 /* dev_path ch lun 0xVAL */
	NVM_CLI_ARG_ADDR_BLK_HEXVAL,	 /* dev_path ch lun blk 0xVAL */
	NVM_CLI_ARG_ADDR_CHK_HEXVAL,	 /* dev_path grp pu chk 0xVAL */
	NVM_CLI_ARG_ADDR_CHK_VAL_HEXVAL, /* dev_path grp pu chk NADDRS 0xOPT */
	NVM_CLI_ARG_VCOPY,		 /* dev_path ch lun blk ch lun blk */
	NVM_CLI_ARG_VCOPY_S20,		 /* dev_path pugrp punit chunk pugrp punit chunk */
	NVM_CLI_ARG_ADDR_S12,		 /* dev_path ch lun blk pl pg sec */
	NVM_CLI_ARG_ADDR_S20,		 /* dev_path pugrp punit chunk sectr */
	NVM_CLI_ARG_VBLK_LINE,		 /* dev_path ch_bgn ch_end lun_bgn lun_end blk */
	NVM_CLI_ARG_VBLK_LINE_POS,	 /* ... as VBLK_LINE, then count offset */
	NVM_CLI_ARG_REGISTER,		 /* dev_path 0xREG */
	NVM_CLI_ARG_REGISTER_VALUE,	 /* dev_path 0xREG 0xVAL */
	NVM_CLI_ARG_COUNT_OFFSET,	 /* dev_path count offset */
};

/* Parsed positional arguments and the opened device. */
struct nvm_cli_cmd_args {
	char dev_path[1024];
	struct nvm_dev *dev;
	const struct nvm_geo *geo;
	struct nvm_addr addrs[1024];
	int naddrs;
	size_t dec_vals[1024];
	int ndec_vals;
	uint64_t hex_vals[1024];
	int nhex_vals;
};

/* Options: -h help, -b brief, -v verbose, -t terse, -c/-m/-d FILE command/meta/data file,
 * -i FILE input, -o FILE output, -n VAL decimal, -x VAL hex. */
enum nvm_cli_opt_type {
	NVM_CLI_OPT_NONE = 0,
	NVM_CLI_OPT_HELP = 1,
	NVM_CLI_OPT_BRIEF = 1 << 1,
	NVM_CLI_OPT_VERBOSE = 1 << 2,
	NVM_CLI_OPT_STATUS = 1 << 3,
	NVM_CLI_OPT_FILE_CMD = 1 << 4,
	NVM_CLI_OPT_FILE_DATA = 1 << 5,
	NVM_CLI_OPT_FILE_META = 1 << 6,
	NVM_CLI_OPT_FILE_INPUT = 1 << 7,
	NVM_CLI_OPT_FILE_OUTPUT = 1 << 8,
	NVM_CLI_OPT_VAL_DEC = 1 << 9,
	NVM_CLI_OPT_VAL_HEX = 1 << 10,
	NVM_CLI_OPT_TERSE = 1 << 11,
};

#define NVM_CLI_OPT_DEFAULT (NVM_CLI_OPT_HELP | NVM_CLI_OPT_VERBOSE)
#define NVM_CLI_OPT_COUNT 12
#define NVM_CLI_OPTS_PFILE (NVM_CLI_OPT_FILE_CMD | NVM_CLI_OPT_FILE_META | NVM_CLI_OPT_FILE_DATA)
#define NVM_CLI_OPTS_PFILE_COUNT 3
#define NVM_CLI_OPTS_PFILE_CMD_NBYTES 64
#define NVM_CLI_OPTS_PFILE_MAX_NBYTES (1 << 20)

/* Files given with -c, -m and -d: loaded into I/O buffers (bufs) and a pristine copy (dups). */
struct nvm_cli_opts_pfile {
	union {
		void *bufs[NVM_CLI_OPTS_PFILE_COUNT];
		struct {
			void *cmd_buf;
			void *meta_buf;
			void *data_buf;
		};
	};
	union {
		void *phys[NVM_CLI_OPTS_PFILE_COUNT];
		struct {
			void *cmd_phys;
			void *meta_phys;
			void *data_phys;
		};
	};
	union {
		void *dups[NVM_CLI_OPTS_PFILE_COUNT];
		struct {
			void *cmd_dup;
			void *meta_dup;
			void *data_dup;
		};
	};
	union {
		const char *paths[NVM_CLI_OPTS_PFILE_COUNT];
		struct {
			const char *cmd_path;
			const char *meta_path;
			const char *data_path;
		};
	};
	union {
		size_t nbytes[NVM_CLI_OPTS_PFILE_COUNT];
		struct {
			size_t cmd_nbytes;
			size_t meta_nbytes;
			size_t data_nbytes;
		};
	};
};

/* Write each option file's buffer back to its file when the command changed it. 0, or -1 with
 * errno. */
int nvm_cli_opts_pfile_dump(struct nvm_cli *cli);

struct nvm_cli_opts {
	int mask; /* every option given */
	int help;
	int brief;
	int verbose;
	int terse;
	int status;
	struct nvm_cli_opts_pfile pfile;
	char *file_input;
	char *file_output;
	size_t dec_val;
	size_t hex_val;
};

typedef int (*nvm_cli_cmd_func)(struct nvm_cli *);

/* One sub-command: name, function, positional arguments, options it accepts. */
struct nvm_cli_cmd {
	char name[NVM_CLI_CMD_LEN];
	nvm_cli_cmd_func func;
	enum nvm_cli_cmd_arg_type arg_type;
	uint32_t opt_types;
};

struct nvm_cli {
	const char *title;	    /* set by the program */
	const char *descr_short;    /* set by the program */
	const char *descr_long;	    /* set by the program */
	struct nvm_cli_cmd *cmds;   /* set by the program */
	int ncmds;		    /* set by the program */
	char name[NVM_CLI_CMD_LEN]; /* argv[0], by nvm_cli_init */
	struct nvm_cli_cmd cmd;	    /* the selected command */
	struct nvm_cli_cmd_args args;
	struct nvm_cli_opts opts;
	struct nvm_cli_evars evars;
	void (*ver_pr)(void); /* version printer for the usage text; NULL: nvm_ver_pr */
};

/* Parse argv ("PROG COMMAND ARGS [-OPTIONS]"), read the environment, open the device (unless the
 * command takes no arguments), check the parsed addresses against its geometry and load option
 * files. With no arguments or -h anywhere, only marks help (nvm_cli_run prints the usage). 0, or
 * -1 with errno EINVAL (nothing left open). */
int nvm_cli_init(struct nvm_cli *cli, int argc, char *argv[]);
/* Run the selected command (or print the usage when help was asked for). 0 when the command
 * returned 0, else 1 after perror("# COMMAND"); -1 with EINVAL for NULL. */
int nvm_cli_run(struct nvm_cli *cli);
/* Free option files and close the device. */
void nvm_cli_destroy(struct nvm_cli *cli);
/* Usage: title and version, short description, one line per command with its arguments. */
void nvm_cli_usage_pr(struct nvm_cli *cli);
/* YAML-like dumps of the parser's state. */
void nvm_cli_pr(struct nvm_cli *cli);
void nvm_cli_cmd_args_pr(struct nvm_cli_cmd_args *args);
void nvm_cli_opts_pr(struct nvm_cli_opts *opts);
void nvm_cli_opts_pfile_pr(struct nvm_cli_opts_pfile *pfile);
void nvm_cli_evars_pr(struct nvm_cli_evars *evars);

/* Start / stop the process-wide stopwatch (CLOCK_MONOTONIC); each returns its time stamp in
 * milliseconds. Not thread-safe, as liblightnvm's. */
size_t nvm_cli_timer_start(void);
size_t nvm_cli_timer_stop(void);
/* Time between the last start and stop. */
double nvm_cli_timer_elapsed(void); /* seconds */
double nvm_cli_timer_elapsed_secs(void);
double nvm_cli_timer_elapsed_msecs(void);
double nvm_cli_timer_elapsed_usecs(void);
size_t nvm_cli_timer_elapsed_nsecs(void);
/* "TOOL: {elapsed: SECONDS}". */
void nvm_cli_timer_pr(const char *tool);
/* "PREFIX: {elapsed: S, mb: MB, mbsec: MB/S}" for nbytes moved in the elapsed time. */
void nvm_cli_timer_bw_pr(const char *prefix, size_t nbytes);
/* "# " then the printf-formatted message and a newline. */
void nvm_cli_info_pr(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* "# FAILED: MSG: strerror(errno)" on stdout. */
void nvm_cli_perror(const char *msg);
/* "TASK: CUR/TOTAL" progress line, ending with a newline when cur == total. */
void nvm_cli_status_pr(const char *task, size_t cur, size_t total);

#ifdef __cplusplus
}
#endif

#endif /* LIBLIGHTNVM_CLI_H */
