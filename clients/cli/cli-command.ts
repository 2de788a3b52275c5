import type { CliIo } from "./cli-io.js";

/** One `lnvm` subcommand, as listed in the table of `main.ts`. */
export interface CliCommand {
  /** The word after `lnvm`, e.g. `write`. */
  readonly name: string;
  /** One line for `lnvm --help`. */
  readonly summary: string;
  /** The `lnvm <name> --help` text before the options block (which is generated). */
  readonly usage: string;
  /**
   * Runs the command with the arguments after its name. Resolves when done (exit 0); rejects with
   * a `CliError` or `LnvmError`, which `runCli` reports and turns into exit 1 or 2.
   */
  run(args: readonly string[], io: CliIo): Promise<void>;
}
