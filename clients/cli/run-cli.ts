import type { CliCommand } from "./cli-command.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { COMMON_USAGE } from "./parse-cli-args.js";
import { reportError } from "./report-error.js";

/** `lnvm --help`: the command table. */
function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  return `lnvm: command-line tool of lnvmd (Open-Channel SSD 2.0 over gRPC)

Usage: lnvm <command> [options]

Commands:
${list}

${COMMON_USAGE}

Run 'lnvm <command> --help' for a command's arguments and options.
`;
}

/**
 * Runs `lnvm` with `argv` (the arguments after the program name) against `commands` and returns
 * the exit status: 0 on success, 1 when the server or device refused something, 2 for a usage
 * error. Never throws; every error is printed to `io.stderr`.
 */
export async function runCli(
  commands: readonly CliCommand[],
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(overview(commands));
    return EXIT_USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(overview(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    return reportError(io, "", CliError.usage(`unknown command ${JSON.stringify(name)}`));
  }
  try {
    await command.run(rest, io);
    return EXIT_OK;
  } catch (error) {
    return reportError(io, command.name, error);
  }
}
