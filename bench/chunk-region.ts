/** The geometry fields a region needs. */
export interface RegionGeometry {
  readonly npugrp: number;
  readonly npunit: number;
  readonly nchunk: number;
  readonly nsectr: number;
}

/** A sector address the I/O patterns fill in place (no allocation per command). */
export interface MutableAddress {
  group: number;
  punit: number;
  chunk: number;
  sector: number;
}

/**
 * A run of `nchunks` chunks numbered parallel-unit fastest: region chunk i is global chunk
 * `first + i`, on unit `(first + i) % npu`, chunk `floor((first + i) / npu)` of that unit. So
 * consecutive region chunks sit on different parallel units (and the model's workers).
 */
export class ChunkRegion {
  readonly geometry: RegionGeometry;
  readonly first: number;
  readonly nchunks: number;

  constructor(geometry: RegionGeometry, first: number, nchunks: number) {
    const total = geometry.npugrp * geometry.npunit * geometry.nchunk;
    if (first < 0 || nchunks < 1 || first + nchunks > total) {
      throw new RangeError(`chunks [${first}, ${first + nchunks}) outside a device of ${total}`);
    }
    this.geometry = geometry;
    this.first = first;
    this.nchunks = nchunks;
  }

  /** Parallel units of the device. */
  get npu(): number {
    return this.geometry.npugrp * this.geometry.npunit;
  }

  /** Sets `out` to sector `sector` of region chunk `index`. */
  address(index: number, sector: number, out: MutableAddress): void {
    const k = this.first + index;
    const pu = k % this.npu;
    out.group = Math.floor(pu / this.geometry.npunit);
    out.punit = pu % this.geometry.npunit;
    out.chunk = Math.floor(k / this.npu);
    out.sector = sector;
  }
}

/**
 * Hands out consecutive regions of a device, each starting on a multiple of npu so that
 * striping over a region's first npu chunks touches every parallel unit.
 */
export class RegionAllocator {
  readonly #geometry: RegionGeometry;
  #next = 0;

  constructor(geometry: RegionGeometry) {
    this.#geometry = geometry;
  }

  /** Chunks not yet handed out. */
  get remaining(): number {
    const g = this.#geometry;
    return g.npugrp * g.npunit * g.nchunk - this.#next;
  }

  /** The next `nchunks` chunks (at most what remains); throws when none remain. */
  take(nchunks: number): ChunkRegion {
    const npu = this.#geometry.npugrp * this.#geometry.npunit;
    const n = Math.min(nchunks, this.remaining);
    const region = new ChunkRegion(this.#geometry, this.#next, n);
    this.#next += Math.ceil(n / npu) * npu;
    return region;
  }
}
