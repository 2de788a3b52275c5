import type { Readable, Writable } from "node:stream";

/**
 * Where a command reads and writes: the process streams in `lnvm`, captured buffers in tests.
 * Commands never touch `process` directly, so they can run in-process.
 */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, table widths). */
  readonly stdoutIsTty: boolean;
  /** Whether stderr is a terminal (progress bars). */
  readonly stderrIsTty: boolean;
  /** Terminal width in columns when stdout is a terminal, else undefined. */
  readonly columns: number | undefined;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}
