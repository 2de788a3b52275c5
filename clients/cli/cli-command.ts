import type { CliIo } from "./cli-io.js";

/** One `lnvm` subcommand, as listed in the table of `main.ts`. */
export interface CliCommand {
  /** The word after `lnvm`, e.g. `write`. */
  readonly name: string;
  /** One line for `lnvm --help`. */
  readonly summary: string;
  /** The full `lnvm <name> --help` text, without the common options. */
  readonly usage: string;
  /**
   * Runs the command with the arguments after its name. Resolves when done (exit 0); rejects with
   * a `CliError` or `LnvmError`, which `runCli` reports and turns into exit 1 or 2.
   */
  run(args: readonly string[], io: CliIo): Promise<void>;
}
