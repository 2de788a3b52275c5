import type { ModelImageOptions } from "../../native/binding/index.js";

/**
 * The geometries I/O suites run over: a small one where every chunk is quick to fill, and a
 * large one (64 GiB sparse, 4096 chunks) that exercises wide addresses and big reports.
 */
export const GEOMETRIES = {
  small: {
    npugrp: 1,
    npunit: 2,
    nchunk: 4,
    nsectr: 32,
    nbytes: 4096,
    nbytesOob: 16,
    wsMin: 4,
    wsOpt: 8,
    mwCunits: 4,
    mccap: 0x3,
  },
  large: {
    npugrp: 2,
    npunit: 8,
    nchunk: 256,
    nsectr: 4096,
    nbytes: 4096,
    nbytesOob: 16,
    wsMin: 4,
    wsOpt: 8,
    mwCunits: 8,
    mccap: 0x3,
  },
} as const satisfies Record<string, ModelImageOptions>;

export type GeometryName = keyof typeof GEOMETRIES;
