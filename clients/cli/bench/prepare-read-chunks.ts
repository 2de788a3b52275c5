import type { ContextHandle, Device } from "../../ts/index.js";
import { maxCommandSectors } from "../command-plan.js";
import { completionFailure } from "../completion-failure.js";
import { issueInOrder } from "../issue-in-order.js";
import type { SectorSpan } from "../sector-span.js";
import { formatSpan } from "../sector-span.js";
import type { BenchChunk } from "./bench-chunk.js";

/**
 * Writes every read chunk that is not fully written from its write pointer to its end, so reads
 * find data in every sector (and none in the mw_cunits cache window of an open chunk). Issues at
 * most `qd` writes at a time on `context`; returns the number of sectors written. A failed
 * write is a failure naming it.
 */
export async function prepareReadChunks(
  context: ContextHandle,
  device: Device,
  chunks: readonly BenchChunk[],
  qd: number,
  data: Uint8Array,
): Promise<number> {
  const nbytes = device.geometry?.nbytes ?? 0;
  const maxSectors = maxCommandSectors(device, device.wsMin);
  const writes: SectorSpan[] = [];
  for (const chunk of chunks) {
    const { group, punit } = chunk;
    while (!chunk.full)
      writes.push({ group, punit, chunk: chunk.chunk, ...chunk.take(maxSectors) });
  }
  const result = await issueInOrder(writes, qd, (span) =>
    context.write({ start: span, count: span.count }, data.subarray(0, span.count * nbytes)),
  );
  if (result.failures.length > 0) {
    throw completionFailure(
      "bench: filling read chunks: write",
      result.failures.map((f) => ({ target: formatSpan(f.item), completion: f.completion })),
    );
  }
  return writes.reduce((sum, span) => sum + span.count, 0);
}
