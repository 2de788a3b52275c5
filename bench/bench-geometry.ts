import type { ModelImageOptions } from "../native/binding/index.js";

/**
 * The device model image every layer runs on: 8 parallel units of 128 chunks of 16 MiB (a
 * 16 GiB sparse file; only what is written takes space). ws_min is 1 sector (the model's default is 4) so that a 4 KiB random write is
 * a valid command; writes still go at each chunk's write pointer.
 */
export const BENCH_GEOMETRY = {
  npugrp: 2,
  npunit: 4,
  nchunk: 128,
  nsectr: 4096,
  nbytes: 4096,
  wsMin: 1,
  wsOpt: 8,
} as const satisfies ModelImageOptions;

/**
 * The durable image of the durable random writes: the bench geometry with 8 chunks per parallel
 * unit (64 × 16 MiB = 1 GiB of data, the size of fio's file), durable and preallocated (its
 * data region written at creation, as fio's file is written before fio overwrites it), so that
 * both sides' fdatasync calls carry data only.
 */
export const DURABLE_GEOMETRY = {
  ...BENCH_GEOMETRY,
  nchunk: 8,
  durable: true,
  preallocate: true,
} as const satisfies ModelImageOptions;

/** Chunks the durable random writes may fill: the whole durable image. */
export const DURABLE_REGION_NCHUNKS =
  DURABLE_GEOMETRY.npugrp * DURABLE_GEOMETRY.npunit * DURABLE_GEOMETRY.nchunk;

/** Bytes of the durable image's data region. */
export const DURABLE_DATA_NBYTES =
  DURABLE_REGION_NCHUNKS * DURABLE_GEOMETRY.nsectr * DURABLE_GEOMETRY.nbytes;

/** Queue depth of the durable random writes, and writes per fdatasync of fio's reference. */
export const DURABLE_QD = 32;

/** Chunks of the prefilled (CLOSED) region random reads go to: 64 × 16 MiB = 1 GiB. */
export const READ_REGION_NCHUNKS = 64;

/** Bytes of the read region, and of fio's file. */
export const READ_REGION_NBYTES =
  READ_REGION_NCHUNKS * BENCH_GEOMETRY.nsectr * BENCH_GEOMETRY.nbytes;

/** Chunks each random-write run may fill (4 GiB), so a fast run does not run out of room. */
export const RANDWRITE_REGION_NCHUNKS = 256;

/** Chunks the sequential-write run fills (2 GiB): one pass, however long it takes. */
export const SEQWRITE_REGION_NCHUNKS = 128;

/** Bytes of the sequential-write region, and of fio's sequential-write file. */
export const SEQWRITE_REGION_NBYTES =
  SEQWRITE_REGION_NCHUNKS * BENCH_GEOMETRY.nsectr * BENCH_GEOMETRY.nbytes;

/** Sectors of a 4 KiB command. */
export const SMALL_NSECTORS = 1;

/** Sectors of a 256 KiB command (the OCSSD limit of 64 addresses per command). */
export const LARGE_NSECTORS = 64;

/** Depth of the prefill that closes the read region's chunks. */
export const PREFILL_QD = 32;
