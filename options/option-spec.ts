/**
 * One option of a program's table: how it is spelled, where else it is read from, its default,
 * its limits and its help. Built with the helpers of `option-builders.ts`; `parseOptions` reads
 * it, `formatOptionHelp` prints it for `--help` and `formatOptionTable` for the README.
 */
export interface OptionSpec<T> {
  /** The value's name in help, e.g. `N` or `HOST:PORT`; undefined: a switch without a value. */
  readonly placeholder: string | undefined;
  /** A one-letter alias, e.g. `o` for `-o`; undefined: none. */
  readonly short: string | undefined;
  /** The environment variable read when the flag is absent; undefined: none. */
  readonly env: string | undefined;
  /** Whether the flag may be repeated (and the variable holds a comma-separated list). */
  readonly multiple: boolean;
  /** What the option does, lower case, no final full stop. */
  readonly help: string;
  /** The accepted values in words, e.g. `1 to 4096`; undefined: no limits worth stating. */
  readonly limits: string | undefined;
  /** The default as help shows it; undefined: no default to show. */
  readonly defaultText: string | undefined;
  /** Whether `defaultText` is a value one could type (else it describes the default in words). */
  readonly defaultIsValue: boolean;
  /**
   * Turns what was given into the value: `given` holds one entry per occurrence of the flag (a
   * switch's text is empty), or the variable's entries, or nothing. `source` names where a text
   * came from, for messages. Throws `OptionError` for a bad value.
   */
  resolve(given: readonly GivenValue[]): T;
}

/** One text given for an option and where it came from (`--qd`, `LNVMD_LEASE_MS`). */
export interface GivenValue {
  readonly text: string;
  readonly source: string;
}

/** A program's options by flag name (without the leading `--`). */
export type OptionTable = Readonly<Record<string, OptionSpec<unknown>>>;

/** The values `parseOptions` returns for `table`, by flag name. */
export type OptionValues<Table extends OptionTable> = {
  readonly [Flag in keyof Table]: Table[Flag] extends OptionSpec<infer T> ? T : never;
};
