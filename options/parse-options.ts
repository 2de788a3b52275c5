import { OptionError } from "./option-error.js";
import type { GivenValue, OptionTable, OptionValues } from "./option-spec.js";

/** What `parseOptions` found on a command line. */
export interface ParsedOptions<Table extends OptionTable> {
  /** Every option of the table: from its flag, else its variable, else its default. */
  readonly values: OptionValues<Table>;
  /** The arguments that are no options, in order (everything after `--` is one). */
  readonly positionals: readonly string[];
  /** Whether `-h` or `--help` was given; every program has it. */
  readonly help: boolean;
}

/**
 * Parses `args` against `table`, reading an option's environment variable (from `env`) when its
 * flag is absent; flags win. Accepts `--name value`, `--name=value`, `-x value`, `-xvalue`, a
 * switch as `--name` or `-x`, and `--` to end the options. Throws `OptionError` for an unknown
 * option, a missing value, a value given to a switch, or a value the option refuses.
 */
export function parseOptions<Table extends OptionTable>(
  table: Table,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedOptions<Table> {
  const given = new Map<string, GivenValue[]>();
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const short = long ? null : /^-([^-])(.*)$/s.exec(arg);
    if (!long && !short) {
      positionals.push(arg);
      continue;
    }
    const flag = long
      ? long[1]
      : Object.keys(table).find((name) => table[name]?.short === short?.[1]);
    const source = long ? arg.replace(/=.*$/s, "") : `-${short?.[1]}`;
    if (flag === "help" || source === "-h") {
      help = true;
      continue;
    }
    // Own entries only: `--constructor` must not find Object.prototype's.
    const spec = flag !== undefined && Object.hasOwn(table, flag) ? table[flag] : undefined;
    if (flag === undefined || spec === undefined) {
      throw new OptionError(`unknown option ${source}`);
    }
    const inline = long ? long[2] : short?.[2] || undefined;
    let text = "";
    if (spec.placeholder === undefined) {
      if (inline !== undefined) throw new OptionError(`${source} takes no value`);
    } else {
      const next = args[i + 1];
      if (inline !== undefined) {
        text = inline;
      } else if (next !== undefined && !next.startsWith("--")) {
        text = next;
        i++;
      } else {
        throw new OptionError(`${source} needs a value (${source} ${spec.placeholder})`);
      }
    }
    given.set(flag, [...(given.get(flag) ?? []), { text, source }]);
  }
  const values: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(table)) {
    let texts = given.get(flag) ?? [];
    const fromEnv = spec.env === undefined ? undefined : env[spec.env];
    if (texts.length === 0 && spec.env !== undefined && fromEnv !== undefined && fromEnv !== "") {
      const parts = spec.multiple ? fromEnv.split(",").filter(Boolean) : [fromEnv];
      texts = parts.map((text) => ({ text, source: spec.env ?? "" }));
    }
    values[flag] = spec.resolve(texts);
  }
  return { values: values as OptionValues<Table>, positionals, help };
}
