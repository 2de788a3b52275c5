import type { ChunkRegion, MutableAddress } from "./chunk-region.js";

/** Where each command of a workload goes. */
export interface IoPattern {
  /** Sectors per command. */
  readonly nsectors: number;
  /**
   * Sets `out` to the next command's first sector and returns the region chunk it is on, or -1
   * when no chunk can take a command (the region is full, or every chunk with room is busy).
   */
  next(out: MutableAddress): number;
  /** The command `next` placed on region chunk `chunk` has completed. */
  complete(chunk: number): void;
}

const nothing = (): void => {};

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
      return chunk;
    },
    complete: nothing,
  };
}

/**
 * Writes of `nsectors` spread over `region`: each goes to a uniformly random chunk that has room
 * and no write in flight, at that chunk's write pointer. So every chunk is written sequentially
 * (the OCSSD rule) with one write in flight per chunk at most, so the figure does not depend on
 * commands of separate Submit calls reaching the device in order. Needs more chunks than the
 * queue depth; `next` returns -1 once every chunk is full.
 * `nsectors` must be a multiple of the device's ws_min.
 */
export function createRandomWritePattern(region: ChunkRegion, nsectors: number): IoPattern {
  const nsectr = region.geometry.nsectr;
  const writePointers = new Int32Array(region.nchunks);
  // open[0, nopen): chunks with room and nothing in flight.
  const open = new Int32Array(region.nchunks);
  for (let i = 0; i < region.nchunks; i++) open[i] = i;
  let nopen = region.nchunks;
  return {
    nsectors,
    next(out) {
      if (nopen === 0) return -1;
      const slot = Math.floor(Math.random() * nopen);
      const chunk = open[slot] as number;
      open[slot] = open[--nopen] as number;
      const sector = writePointers[chunk] as number;
      region.address(chunk, sector, out);
      writePointers[chunk] = sector + nsectors;
      return chunk;
    },
    complete(chunk) {
      if ((writePointers[chunk] as number) + nsectors <= nsectr) open[nopen++] = chunk;
    },
  };
}

/**
 * Commands of `nsectors` striped over the region: the first npu chunks get one command each in
 * turn until they are full, then the next npu chunks, and so on (like a striped sequential
 * stream). Per chunk the sectors go strictly in order, several in flight, so for writes this
 * relies on the commands reaching the device in submission order (true of the binding and
 * the C ABI). With `wrap` (for reads) it starts over at the end; without, it ends there.
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
      let pos = n % perRow;
      let chunk = Math.floor(n / perRow) * width + (pos % width);
      if (chunk >= region.nchunks) {
        if (!wrap) return -1;
        n = 0;
        pos = 0;
        chunk = 0;
      }
      region.address(chunk, Math.floor(pos / width) * nsectors, out);
      n++;
      return chunk;
    },
    complete: nothing,
  };
}
