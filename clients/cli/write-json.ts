import type { CliIo } from "./cli-io.js";

/**
 * Writes `value` to stdout as indented JSON and a newline. Bigints (uint64 proto fields) become
 * numbers when they are safe integers, decimal strings otherwise.
 */
export function writeJson(io: CliIo, value: unknown): void {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) =>
      typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v,
    2,
  );
  io.stdout.write(`${text}\n`);
}
