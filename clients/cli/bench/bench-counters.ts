/**
 * Running totals of a bench beside the closed loop's ops, shared by its contexts and read by
 * the progress bar.
 */
export interface BenchCounters {
  reads: number;
  writes: number;
  /** Data bytes read and written. */
  bytes: number;
  /** Data bytes handed to commands so far, including those in flight (for `--size`). */
  issuedBytes: number;
  /** Chunks reset to make room for writes (not counted in ops). */
  resets: number;
}

/** All zeros. */
export function createBenchCounters(): BenchCounters {
  return { reads: 0, writes: 0, bytes: 0, issuedBytes: 0, resets: 0 };
}
