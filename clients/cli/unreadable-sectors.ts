import { ChunkState, type Device, type LnvmClient } from "../ts/index.js";
import { formatChunk } from "./describe-chunk.js";
import type { SectorSpan } from "./sector-span.js";

/**
 * Warnings for the parts of `spans` that hold no data a read can return, although the read may
 * succeed: sectors at or above a chunk's write pointer (never written; zeros unless the device
 * reports UNWRITTEN_BLOCK), and in an open chunk the last mw_cunits sectors below the write
 * pointer (device.proto, mw_cunits). One report call covers the PUs the spans touch; a failing
 * report yields no warnings (they are a courtesy).
 */
export async function unreadableSectorWarnings(
  client: LnvmClient,
  device: Device,
  spans: readonly SectorSpan[],
): Promise<string[]> {
  const npunit = device.geometry?.npunit ?? 0;
  const pu = (s: { group: number; punit: number }) => s.group * npunit + s.punit;
  const byChunk = new Map<string, SectorSpan[]>();
  for (const span of spans) {
    const key = formatChunk(span);
    byChunk.set(key, [...(byChunk.get(key) ?? []), span]);
  }
  if (byChunk.size === 0) return [];
  const puBegin = Math.min(...spans.map(pu));
  const puEnd = Math.max(...spans.map(pu)) + 1;
  const warnings: string[] = [];
  try {
    for await (const chunk of client.reportChunks(device.name, { puBegin, puEnd })) {
      const key = formatChunk(chunk);
      const wp = Number(chunk.writePointer);
      const state = ChunkState[chunk.state] ?? String(chunk.state);
      const open = chunk.state === ChunkState.OPEN;
      const cacheBegin = open ? Math.max(0, wp - device.mwCunits) : wp;
      for (const span of byChunk.get(key) ?? []) {
        const end = span.sector + span.count;
        const cached = sectorRange(Math.max(span.sector, cacheBegin), Math.min(end, wp));
        if (cached) {
          warnings.push(
            `chunk ${key} is ${state} with write pointer ${wp}: ${cached.subject} ` +
              `${cached.one ? "is" : "are"} within mw_cunits (${device.mwCunits}) of it and ` +
              `${cached.one ? "reads" : "read"} back as zeros until more is written`,
          );
        }
        const unwritten = sectorRange(Math.max(span.sector, wp), end);
        if (unwritten) {
          warnings.push(
            `chunk ${key} is ${state} with write pointer ${wp}: ${unwritten.subject} ` +
              `${unwritten.one ? "was" : "were"} never written and ` +
              `${unwritten.one ? "reads" : "read"} back as zeros`,
          );
        }
      }
    }
  } catch {
    return [];
  }
  return warnings;
}

/**
 * `sectors a-b` (inclusive) for the half-open `[begin, end)`, or `sector a` when it holds one
 * sector (`one`, for the verb that follows); undefined if empty.
 */
function sectorRange(begin: number, end: number): { subject: string; one: boolean } | undefined {
  if (end <= begin) return undefined;
  const one = end - begin === 1;
  return { subject: one ? `sector ${begin}` : `sectors ${begin}-${end - 1}`, one };
}
