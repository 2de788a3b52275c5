import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { resolveServerAddress } from "./server-address.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Options every subcommand accepts, added to its own. */
const COMMON_OPTIONS = {
  address: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionsConfig;

/** The help lines of `COMMON_OPTIONS`, appended to every command's usage. */
export const COMMON_USAGE = `Common options:
  --address HOST:PORT   lnvmd to talk to (default $LNVM_ADDRESS, else 127.0.0.1:50051)
  -h, --help            show this help`;

/** What a command needs from its command line. */
export interface CliArgsSpec<T extends OptionsConfig> {
  /** The command's `--help` text (the common options are appended). */
  readonly usage: string;
  /** The command's own options, in `util.parseArgs` form. */
  readonly options: T;
  /** Names of the required positionals, e.g. `["<device>"]`, for messages. */
  readonly positionals: readonly string[];
  /** Accept any number of positionals beyond the required ones. @default false */
  readonly variadic?: boolean;
}

/**
 * Parses a subcommand's arguments strictly. Prints the usage and returns undefined for `--help`;
 * throws a usage `CliError` for an unknown option, a missing value, or the wrong number of
 * positionals. The returned `address` is already validated (see `resolveServerAddress`).
 */
export function parseCliArgs<T extends OptionsConfig>(
  args: readonly string[],
  io: CliIo,
  spec: CliArgsSpec<T>,
) {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: T & typeof COMMON_OPTIONS;
      allowPositionals: true;
      strict: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...spec.options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw CliError.usage(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values["help"] === true) {
    io.stdout.write(`${spec.usage.trimEnd()}\n\n${COMMON_USAGE}\n`);
    return undefined;
  }
  const required = spec.positionals;
  if (parsed.positionals.length < required.length) {
    throw CliError.usage(`missing ${required.slice(parsed.positionals.length).join(" ")}`);
  }
  if (!spec.variadic && parsed.positionals.length > required.length) {
    throw CliError.usage(
      `unexpected argument ${JSON.stringify(parsed.positionals[required.length])}`,
    );
  }
  const address = resolveServerAddress(values["address"] as string | undefined, io.env);
  return { values: parsed.values, positionals: parsed.positionals, address };
}
