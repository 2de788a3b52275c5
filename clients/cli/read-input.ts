import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { CliError } from "./cli-error.js";

/** The whole of `path`, or of `stdin` when `path` is undefined or `-`. */
export async function readInput(path: string | undefined, stdin: Readable): Promise<Buffer> {
  if (path === undefined || path === "-") {
    const parts: Buffer[] = [];
    for await (const part of stdin) parts.push(Buffer.from(part as Uint8Array));
    return Buffer.concat(parts);
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw CliError.failure(`cannot read ${path}: ${(error as Error).message}`, error);
  }
}
