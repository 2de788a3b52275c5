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
  if (!/^(\d+|0x[0-9a-f]+)$/i.test(text)) {
    throw CliError.usage(`${name}: expected a whole number, got ${JSON.stringify(text)}`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
    throw CliError.usage(`${name}: must be ${range}, got ${text}`);
  }
  return value;
}
