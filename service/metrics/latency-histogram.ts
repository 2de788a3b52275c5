/**
 * Upper bounds of the latency buckets, in nanoseconds: 1, 2 and 5 of every decade from 1 µs to
 * 10 s. One more bucket counts what lies above the last bound. Every latency histogram of the
 * service (Prometheus and the Stats RPC) uses these bounds.
 */
export const LATENCY_BUCKET_BOUNDS_NS: readonly number[] = Object.freeze(
  Array.from(
    { length: 22 },
    (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : 5) * 10 ** (3 + Math.floor(i / 3)),
  ),
);

const BOUNDS = Float64Array.from(LATENCY_BUCKET_BOUNDS_NS);

/**
 * A latency histogram over `LATENCY_BUCKET_BOUNDS_NS`: per-bucket counts (not cumulative), their
 * sum and count. Observing is a short scan over a typed array and allocates nothing.
 */
export class LatencyHistogram {
  /** Count per bucket; the last index counts latencies above the last bound. */
  readonly counts = new Float64Array(BOUNDS.length + 1);
  /** Sum of every observed latency, nanoseconds. */
  sumNs = 0;
  count = 0;

  /** Counts one latency of `ns` nanoseconds in the first bucket whose bound is at least `ns`. */
  observe(ns: number): void {
    let i = 0;
    while (i < BOUNDS.length && ns > (BOUNDS[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sumNs += ns;
    this.count++;
  }
}
