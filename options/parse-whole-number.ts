import { OptionError } from "./option-error.js";

/**
 * Parses a whole number given for `name` (decimal, or hex with `0x`) within `[min, max]`.
 * Throws `OptionError` naming `name`: "expected a whole number" or "must be 1 to 4096".
 */
export function parseWholeNumber(
  name: string,
  text: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!/^(\d+|0x[0-9a-f]+)$/i.test(text)) {
    throw new OptionError(`${name}: expected a whole number, got ${JSON.stringify(text)}`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new OptionError(`${name}: must be ${describeRange(min, max)}, got ${text}`);
  }
  return value;
}

/** `1 to 4096`, `at least 1`, or `any whole number` for the range `[min, max]`. */
export function describeRange(min: number, max = Number.MAX_SAFE_INTEGER): string {
  if (max !== Number.MAX_SAFE_INTEGER) return `${min} to ${max}`;
  return min > 0 ? `at least ${min}` : "any whole number";
}
