import type { NvmDevice } from "../native/binding/index.js";
import { LARGE_NSECTORS, PREFILL_QD } from "./bench-geometry.js";
import { runBindingLoop } from "./binding-io-loop.js";
import type { ChunkRegion } from "./chunk-region.js";
import { createStripedPattern } from "./io-pattern.js";

/**
 * Writes every sector of `region` (256 KiB commands striped over the units) so each chunk is
 * CLOSED and fully readable, leaving the data in the page cache. Throws if a write failed.
 */
export function prefillRegion(device: NvmDevice, region: ChunkRegion): void {
  const result = runBindingLoop(device, {
    op: "write",
    pattern: createStripedPattern(region, LARGE_NSECTORS, false),
    qd: PREFILL_QD,
    seconds: 0,
  });
  const expected = (region.nchunks * region.geometry.nsectr) / LARGE_NSECTORS;
  if (result.errors > 0 || result.ncommands !== expected) {
    throw new Error(
      `prefill of chunks [${region.first}, ${region.first + region.nchunks}): ` +
        `${result.ncommands} of ${expected} writes, ${result.errors} failed`,
    );
  }
}
