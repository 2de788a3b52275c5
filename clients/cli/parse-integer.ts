import { OptionError, parseWholeNumber } from "../../options/index.js";
import { CliError } from "./cli-error.js";

/**
 * Parses a whole number given for option or argument `name` (decimal, or hex with `0x`), within
 * `[min, max]`. Anything else is a usage error naming `name`.
 */
export function parseInteger(
  name: string,
  text: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  try {
    return parseWholeNumber(name, text, min, max);
  } catch (error) {
    if (error instanceof OptionError) throw CliError.usage(error.message);
    throw error;
  }
}
