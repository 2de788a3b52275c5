/* nvm_cli_init picks the command, parses its positional arguments by type and the options after
 * them, opens the device and applies NVM_CLI_* variables; it refuses unknown commands, missing
 * arguments and addresses outside the geometry (EINVAL); -h only marks help; nvm_cli_run runs
 * the command. */
#include "harness.h"
#include "liblightnvm_cli.h"

static int h_ran;

static int h_cmd(struct nvm_cli *cli)
{
	(void)cli;
	++h_ran;
	return 0;
}

static struct nvm_cli_cmd h_cmds[] = {
	{ "s20", h_cmd, NVM_CLI_ARG_ADDR_S20, NVM_CLI_OPT_HELP },
	{ "list", h_cmd, NVM_CLI_ARG_ADDR_LIST, NVM_CLI_OPT_HELP | NVM_CLI_OPT_BRIEF },
	{ "line", h_cmd, NVM_CLI_ARG_VBLK_LINE_POS, NVM_CLI_OPT_HELP },
	{ "none", h_cmd, NVM_CLI_ARG_NONE, NVM_CLI_OPT_HELP },
};

static int h_init(struct nvm_cli *cli, int argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	cli->title = "test";
	cli->cmds = h_cmds;
	cli->ncmds = 4;
	return nvm_cli_init(cli, argc, argv);
}

int main(void)
{
	char *path = h_image(H_SMALL);
	static struct nvm_cli cli;
	const char *out;

	char *s20[] = { "prog", "s20", path, "1", "0", "7", "33", NULL };
	CHECK_EQ(h_init(&cli, 7, s20), 0);
	CHECK(cli.args.dev);
	CHECK(!strcmp(cli.args.dev_path, path));
	CHECK_EQ(cli.args.naddrs, 1);
	CHECK_EQ(cli.args.addrs[0].val, h_addr(1, 0, 7, 33).val);
	CHECK_EQ(nvm_cli_run(&cli), 0);
	CHECK_EQ(h_ran, 1);
	nvm_cli_destroy(&cli);

	setenv("NVM_CLI_ERASE_NADDRS_MAX", "5", 1);
	char *list[] = {
		"prog", "list", path, "0x0100000300000000", "0x0", "-b", "-n", "12", NULL
	};
	CHECK_EQ(h_init(&cli, 8, list), 0);
	CHECK_EQ(cli.args.naddrs, 2);
	CHECK_EQ(cli.args.addrs[0].val, h_addr(1, 0, 3, 0).val);
	CHECK_EQ(cli.opts.brief, 1);
	CHECK_EQ(cli.opts.dec_val, 12);
	CHECK(cli.opts.mask & NVM_CLI_OPT_VAL_DEC);
	CHECK_EQ(cli.evars.erase_naddrs_max, 5);
	CHECK_EQ(nvm_dev_get_erase_naddrs_max(cli.args.dev), 5);
	nvm_cli_destroy(&cli);
	unsetenv("NVM_CLI_ERASE_NADDRS_MAX");

	char *line[] = { "prog", "line", path, "0", "1", "0", "1", "6", "4096", "8192", NULL };
	CHECK_EQ(h_init(&cli, 10, line), 0);
	CHECK_EQ(cli.args.naddrs, 2);
	CHECK_EQ(cli.args.addrs[1].g.ch, 1);
	CHECK_EQ(cli.args.addrs[1].g.blk, 6);
	CHECK_EQ(cli.args.ndec_vals, 2);
	CHECK_EQ(cli.args.dec_vals[1], 8192);
	nvm_cli_destroy(&cli);

	char *none[] = { "prog", "none", NULL };
	CHECK_EQ(h_init(&cli, 2, none), 0);
	CHECK(cli.args.dev == NULL);
	nvm_cli_destroy(&cli);

	char *unknown[] = { "prog", "nope", path, NULL };
	char *missing[] = { "prog", "s20", path, "1", "0", NULL };
	char *outside[] = { "prog", "s20", path, "1", "0", "8", "0", NULL };
	errno = 0;
	CHECK_EQ(h_init(&cli, 3, unknown), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(h_init(&cli, 5, missing), -1);
	h_capture_begin();
	CHECK_EQ(h_init(&cli, 7, outside), -1);
	out = h_capture_end();
	CHECK(strstr(out, "- chunk\n"));
	{
		struct nvm_dev *dev = nvm_dev_open(path); /* nothing was left open */

		CHECK(dev);
		nvm_dev_close(dev);
	}

	char *help[] = { "prog", "s20", "-h", NULL };
	CHECK_EQ(h_init(&cli, 3, help), 0);
	h_capture_begin();
	CHECK_EQ(nvm_cli_run(&cli), 0);
	out = h_capture_end();
	CHECK(strstr(out, "test -- Ver {"));
	CHECK(strstr(out, " prog          s20 dev_path pugrp punit chunk sectr\n"));
	CHECK_EQ(h_ran, 1);
	return H_EXIT_PASS;
}
