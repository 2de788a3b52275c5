import { OptionError } from "./option-error.js";
import type { GivenValue, OptionSpec } from "./option-spec.js";
import { describeRange, parseWholeNumber } from "./parse-whole-number.js";

/** What every option declares. */
interface OptionInit {
  /** What the option does, lower case, no final full stop. */
  readonly help: string;
  /** A one-letter alias (`o` for `-o`). */
  readonly short?: string | undefined;
}

/** What an option with a value declares besides `OptionInit`. */
interface ValueInit<T> extends OptionInit {
  /** The value's name in help, e.g. `N`. */
  readonly placeholder: string;
  /** The environment variable read when the flag is absent. */
  readonly env?: string | undefined;
  /** The value when neither the flag nor the variable is given. */
  readonly default?: T | undefined;
  /** The default as help shows it. @default the default itself, when it is a string or number */
  readonly defaultText?: string | undefined;
  /** The accepted values in words, e.g. `1 to 4096`. */
  readonly limits?: string | undefined;
}

/** A parser of one given text; `source` names the flag or variable, for messages. */
type ParseValue<T> = (text: string, source: string) => T;

/** The last of `given`: a repeated single-valued flag keeps its last value. */
function last(given: readonly GivenValue[]): GivenValue | undefined {
  return given[given.length - 1];
}

/**
 * A switch (`--json`): true when given. With `env`, also true when the variable is `1` (and
 * false when it is `0`); any other value of the variable is refused.
 */
export function switchOption(
  init: OptionInit & { readonly env?: string | undefined },
): OptionSpec<boolean> {
  return {
    placeholder: undefined,
    short: init.short,
    env: init.env,
    multiple: false,
    help: init.help,
    limits: undefined,
    defaultText: init.env === undefined ? undefined : "off",
    defaultIsValue: false,
    resolve(given) {
      const value = last(given);
      if (value === undefined) return false;
      if (value.source.startsWith("-") || value.text === "1") return true;
      if (value.text === "0") return false;
      throw new OptionError(`${value.source}: expected 1 or 0, got ${JSON.stringify(value.text)}`);
    },
  };
}

/** An option whose value `parse` turns into a `T`; undefined when absent and without default. */
export function valueOption<T>(
  init: ValueInit<T> & { readonly default: T; readonly parse: ParseValue<T> },
): OptionSpec<T>;
export function valueOption<T>(
  init: ValueInit<T> & { readonly parse: ParseValue<T> },
): OptionSpec<T | undefined>;
export function valueOption<T>(
  init: ValueInit<T> & { readonly parse: ParseValue<T> },
): OptionSpec<T | undefined> {
  const fallback = init.default;
  return {
    placeholder: init.placeholder,
    short: init.short,
    env: init.env,
    multiple: false,
    help: init.help,
    limits: init.limits,
    defaultText:
      init.defaultText ??
      (typeof fallback === "string" || typeof fallback === "number" ? String(fallback) : undefined),
    defaultIsValue: fallback !== undefined,
    resolve(given) {
      const value = last(given);
      return value === undefined ? fallback : init.parse(value.text, value.source);
    },
  };
}

/** An option whose value is taken as given. */
export function textOption(
  init: ValueInit<string> & { readonly default: string },
): OptionSpec<string>;
export function textOption(init: ValueInit<string>): OptionSpec<string | undefined>;
export function textOption(init: ValueInit<string>): OptionSpec<string | undefined> {
  return valueOption({ ...init, parse: (text) => text });
}

/** What a whole-number option declares: its limits, inclusive. */
interface IntegerInit extends Omit<ValueInit<number>, "placeholder" | "limits"> {
  /** @default "N" */
  readonly placeholder?: string | undefined;
  /** @default 0 */
  readonly min?: number | undefined;
  /** @default Number.MAX_SAFE_INTEGER */
  readonly max?: number | undefined;
}

/** A whole number (decimal or `0x` hex) within `[min, max]`; the limits appear in help. */
export function integerOption(init: IntegerInit & { readonly default: number }): OptionSpec<number>;
export function integerOption(init: IntegerInit): OptionSpec<number | undefined>;
export function integerOption(init: IntegerInit): OptionSpec<number | undefined> {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = init;
  return valueOption({
    ...init,
    placeholder: init.placeholder ?? "N",
    limits: min === 0 && max === Number.MAX_SAFE_INTEGER ? undefined : describeRange(min, max),
    parse: (text, source) => parseWholeNumber(source, text, min, max),
  });
}

/** Parses `text` as one of `choices`; throws `OptionError` listing them otherwise. */
export function parseChoice<C extends string>(
  choices: readonly C[],
  text: string,
  source: string,
): C {
  const choice = choices.find((c) => c === text);
  if (choice === undefined) {
    throw new OptionError(
      `${source} ${JSON.stringify(text)}: expected one of ${choices.join(", ")}`,
    );
  }
  return choice;
}

/** One of a closed list of words. */
export function choiceOption<C extends string>(
  init: Omit<ValueInit<C>, "limits"> & { readonly choices: readonly C[]; readonly default: C },
): OptionSpec<C>;
export function choiceOption<C extends string>(
  init: Omit<ValueInit<C>, "limits"> & { readonly choices: readonly C[] },
): OptionSpec<C | undefined>;
export function choiceOption<C extends string>(
  init: Omit<ValueInit<C>, "limits"> & { readonly choices: readonly C[] },
): OptionSpec<C | undefined> {
  return valueOption({
    ...init,
    limits: `one of ${init.choices.join(", ")}`,
    parse: (text, source) => parseChoice(init.choices, text, source),
  });
}

/**
 * A repeatable option: every occurrence adds what `parse` returns (a parser may split one text
 * into several values); the variable holds a comma-separated list. Empty when absent.
 */
export function listOption<T>(
  init: Omit<ValueInit<readonly T[]>, "default"> & {
    readonly parse: (text: string, source: string) => readonly T[];
  },
): OptionSpec<readonly T[]> {
  return {
    placeholder: init.placeholder,
    short: init.short,
    env: init.env,
    multiple: true,
    help: init.help,
    limits: init.limits,
    defaultText: init.defaultText,
    defaultIsValue: false,
    resolve: (given) => given.flatMap((value) => init.parse(value.text, value.source)),
  };
}
