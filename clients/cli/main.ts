import { benchCommand } from "./bench.js";
import type { CliCommand } from "./cli-command.js";
import { processIo } from "./cli-io.js";
import { clusterCommand } from "./cluster.js";
import { copyCommand } from "./copy.js";
import { devicesCommand } from "./devices.js";
import { eraseCommand } from "./erase.js";
import { infoCommand } from "./info.js";
import { readCommand } from "./read.js";
import { reportCommand } from "./report.js";
import { runCli } from "./run-cli.js";
import { topCommand } from "./top.js";
import { writeCommand } from "./write.js";

/** Every `lnvm` subcommand, in the order `lnvm --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  devicesCommand,
  infoCommand,
  reportCommand,
  writeCommand,
  readCommand,
  eraseCommand,
  copyCommand,
  benchCommand,
  topCommand,
  clusterCommand,
];

/**
 * How long the process may linger after the command finished before it exits anyway, in
 * milliseconds: time for stdout to drain. The timer is unref'd, so it only fires if some
 * handle (a gRPC channel timer, say) would otherwise keep the process alive.
 */
const EXIT_GRACE_MS = 2000;

process.exitCode = await runCli(COMMANDS, process.argv.slice(2), processIo());
setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
