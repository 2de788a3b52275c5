import { CliError } from "./cli-error.js";

const MULTIPLIERS: Readonly<Record<string, number>> = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/**
 * Parses a byte count given for option `name`: a whole number with an optional binary suffix
 * `k`, `m`, `g` or `t` (also `KiB`, `MB`, ...: all powers of 1024). At least 1.
 */
export function parseSize(name: string, text: string): number {
  const match = /^(\d+)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  const value = match ? Number(match[1]) * (MULTIPLIERS[(match[2] ?? "").toLowerCase()] ?? 1) : 0;
  if (!match || !Number.isSafeInteger(value) || value < 1) {
    throw CliError.usage(
      `${name}: expected a size such as 4096, 64k or 1g, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
