import type { Completion } from "../ts/index.js";

/**
 * A completion status as `NAME (0xCODE)`, e.g. `OUT_OF_ORDER_WRITE (0x2F2)`. The name is the
 * server's (see CommandStatus in command.proto); a missing status reads as `UNKNOWN`.
 */
export function formatStatus(completion: Completion): string {
  const code = completion.status?.code ?? 0;
  const name = completion.status?.name || "UNKNOWN";
  return `${name} (0x${code.toString(16).toUpperCase().padStart(3, "0")})`;
}

/** Whether the device completed the command successfully (status code 0). */
export function succeeded(completion: Completion): boolean {
  return (completion.status?.code ?? 0) === 0;
}
