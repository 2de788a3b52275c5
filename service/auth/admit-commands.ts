import { setTimeout as sleep } from "node:timers/promises";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import type { DecodedCommand } from "../contexts/decoded-command.js";
import { StorageError } from "../errors.js";
import type { Principal } from "./principal.js";

/** Data bytes a command moves: what it reads, writes or copies. */
function commandNbytes(command: DecodedCommand, sectorNbytes: number): number {
  switch (command.op) {
    case "read":
      return command.naddrs * sectorNbytes;
    case "write":
      return command.data.byteLength;
    case "erase":
      return 0;
    case "copy":
      return command.sources.length * sectorNbytes;
  }
}

/**
 * Holds a validated, authorized batch until `principal`'s rate limits (policy quotas
 * `max_iops`, `max_bytes_per_second`) let it through: one I/O per command, and the bytes it
 * moves. It delays, never refuses; batches of one principal pass in the order they arrived, and
 * principals have buckets of their own, so a limited one does not slow the others. Call it
 * after `authorizeCommands` and before the batch is queued; a context may have gone while it
 * waited, so look the context up again afterwards. Resolves at once without limits; when
 * `signal` aborts it gives the tokens back and rejects (the call is gone, nothing is sent).
 */
export async function admitCommands(
  principal: Principal,
  device: { readonly device: { readonly geometry: { readonly nbytes: number } } },
  commands: readonly DecodedCommand[],
  signal: AbortSignal,
): Promise<void> {
  const limits = principal.access.rateLimitsOf(principal);
  if (!limits) return;
  const ios = commands.length;
  const nbytes = commands.reduce(
    (sum, c) => sum + commandNbytes(c, device.device.geometry.nbytes),
    0,
  );
  const delayMs = Math.max(limits.ios?.reserve(ios) ?? 0, limits.bytes?.reserve(nbytes) ?? 0);
  if (delayMs <= 0) return;
  try {
    await sleep(delayMs, undefined, { signal });
  } catch {
    limits.ios?.refund(ios);
    limits.bytes?.refund(nbytes);
    // Never delivered: the call was cancelled, so the client waits for no answer.
    throw new StorageError(ErrorReason.UNSPECIFIED, "call cancelled while rate limited");
  }
}
