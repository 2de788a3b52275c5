import type { ChunkRegion, MutableAddress } from "./chunk-region.js";

/** Where each command of a workload goes. */
export interface IoPattern {
  /** Sectors per command. */
  readonly nsectors: number;
  /** Sets `out` to the next command's first sector; false when the region has no more room. */
  next(out: MutableAddress): boolean;
}

/**
 * Reads of `nsectors` at uniformly random, `nsectors`-aligned positions of `region` (which must
 * be fully written, i.e. every chunk CLOSED, for the reads to return data).
 */
export function createRandomReadPattern(region: ChunkRegion, nsectors: number): IoPattern {
  const nslots = Math.floor(region.geometry.nsectr / nsectors);
  return {
    nsectors,
    next(out) {
      const chunk = Math.floor(Math.random() * region.nchunks);
      region.address(chunk, Math.floor(Math.random() * nslots) * nsectors, out);
      return true;
    },
  };
}

/**
 * Writes of `nsectors` spread over `region`: each goes to a uniformly random chunk that still
 * has room, at that chunk's write pointer, so every chunk is written sequentially (the OCSSD
 * rule) while the writes as a whole are random. Ends when every chunk is full. `nsectors` must
 * be a multiple of the device's ws_min.
 */
export function createRandomWritePattern(region: ChunkRegion, nsectors: number): IoPattern {
  const nsectr = region.geometry.nsectr;
  const writePointers = new Int32Array(region.nchunks);
  const open = new Int32Array(region.nchunks);
  for (let i = 0; i < region.nchunks; i++) open[i] = i;
  let nopen = region.nchunks;
  return {
    nsectors,
    next(out) {
      if (nopen === 0) return false;
      const slot = Math.floor(Math.random() * nopen);
      const chunk = open[slot] as number;
      const sector = writePointers[chunk] as number;
      region.address(chunk, sector, out);
      writePointers[chunk] = sector + nsectors;
      if (sector + 2 * nsectors > nsectr) open[slot] = open[--nopen] as number;
      return true;
    },
  };
}

/**
 * Commands of `nsectors` striped over the region: the first npu chunks get one command each in
 * turn until they are full, then the next npu chunks, and so on (like a striped sequential
 * stream). Per chunk the sectors go strictly in order, so this is valid for writes on FREE
 * chunks. With `wrap` (for reads) it starts over at the end; without, it ends there.
 */
export function createStripedPattern(
  region: ChunkRegion,
  nsectors: number,
  wrap: boolean,
): IoPattern {
  const width = Math.min(region.npu, region.nchunks);
  const slotsPerChunk = Math.floor(region.geometry.nsectr / nsectors);
  const perRow = width * slotsPerChunk;
  let n = 0;
  return {
    nsectors,
    next(out) {
      let row = Math.floor(n / perRow);
      let pos = n % perRow;
      let chunk = row * width + (pos % width);
      if (chunk >= region.nchunks) {
        if (!wrap) return false;
        n = 0;
        row = 0;
        pos = 0;
        chunk = 0;
      }
      region.address(chunk, Math.floor(pos / width) * nsectors, out);
      n++;
      return true;
    },
  };
}
