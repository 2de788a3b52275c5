import type { Device } from "../ts/index.js";
import type { SectorSpan } from "./sector-span.js";

/**
 * The most addresses (sectors, or chunks of an erase) one command may carry on `device`, as its
 * server states it (`Device.max_addresses_per_command`, the library's NVM_NADDR_MAX). A server
 * that predates the field states 0, and then one address per command is what is known to work.
 */
export function maxAddressesPerCommand(device: Device): number {
  return Math.max(1, device.maxAddressesPerCommand);
}

/**
 * The most sectors one read or write may carry on `device`: its max addresses per command, and
 * no more than
 * `max_command_bytes / nbytes`. With `alignTo` (ws_min, for writes), rounded down to a multiple
 * of it when that leaves at least one unit, so each piece of a split write stays aligned.
 */
export function maxCommandSectors(device: Device, alignTo = 1): number {
  const nbytes = device.geometry?.nbytes ?? 1;
  const byBytes = Number(device.maxCommandBytes / BigInt(Math.max(nbytes, 1)));
  const limit = Math.max(1, Math.min(maxAddressesPerCommand(device), byBytes));
  return limit >= alignTo && alignTo > 1 ? limit - (limit % alignTo) : limit;
}

/** `spans` cut into pieces of at most `maxSectors` sectors, in order, never across chunks. */
export function splitSpans(spans: readonly SectorSpan[], maxSectors: number): SectorSpan[] {
  const pieces: SectorSpan[] = [];
  for (const span of spans) {
    for (let offset = 0; offset < span.count; offset += maxSectors) {
      pieces.push({
        ...span,
        sector: span.sector + offset,
        count: Math.min(maxSectors, span.count - offset),
      });
    }
  }
  return pieces;
}
