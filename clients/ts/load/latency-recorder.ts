import { Int32Histogram } from "hdr-histogram-js";

/** Highest latency tracked before the histogram resizes itself, nanoseconds (60 s). */
const INITIAL_HIGHEST_NS = 60_000_000_000;
/** Significant decimal digits kept per value (0.1 % resolution). */
const SIGNIFICANT_DIGITS = 3;
const NS_PER_US = 1000;

/** Percentiles of a latency distribution, microseconds to 0.1 µs; all 0 when empty. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly "p99.9": number;
  readonly max: number;
}

/** One bar of the power-of-two histogram: latencies above the previous bucket, up to `leUs`. */
export interface LatencyBucket {
  readonly leUs: number;
  readonly count: number;
}

function tenthsUs(ns: number): number {
  return Math.round(ns / (NS_PER_US / 10)) / 10;
}

/**
 * Latencies of a load run: recorded in nanoseconds, read in microseconds. An HDR histogram
 * (3 significant digits, from 1 ns, growing past 60 s when needed); recording does not allocate.
 */
export class LatencyRecorder {
  readonly #histogram = new Int32Histogram(1, INITIAL_HIGHEST_NS, SIGNIFICANT_DIGITS);

  constructor() {
    this.#histogram.autoResize = true;
  }

  /** Records one latency, nanoseconds (a whole number ≥ 0). */
  recordNs(ns: number): void {
    this.#histogram.recordValue(ns);
  }

  /** Latencies recorded. */
  get count(): number {
    return this.#histogram.totalCount;
  }

  /**
   * The `percentile` (0–100) in microseconds, to the histogram's resolution (the highest value
   * equivalent to the one recorded, within 0.1 %); null when nothing was recorded.
   */
  percentileUs(percentile: number): number | null {
    const h = this.#histogram;
    return h.totalCount === 0 ? null : h.getValueAtPercentile(percentile) / NS_PER_US;
  }

  /** Min, mean, p50, p90, p99, p99.9 and max, µs to 0.1 µs; all 0 when nothing was recorded. */
  summaryUs(): LatencySummary {
    const h = this.#histogram;
    const empty = h.totalCount === 0;
    const at = (p: number) => (empty ? 0 : tenthsUs(h.getValueAtPercentile(p)));
    return {
      count: h.totalCount,
      min: empty ? 0 : tenthsUs(h.minNonZeroValue),
      mean: empty ? 0 : tenthsUs(h.mean),
      p50: at(50),
      p90: at(90),
      p99: at(99),
      "p99.9": at(99.9),
      max: empty ? 0 : tenthsUs(h.maxValue),
    };
  }

  /**
   * Power-of-two buckets in µs (a latency counts in the first bucket at or above it, rounded up
   * to a whole µs), from the lowest to the highest non-empty one; [] when nothing was recorded.
   */
  bucketsUs(): LatencyBucket[] {
    const h = this.#histogram;
    const counts: number[] = [];
    const values = h.recordedValuesIterator;
    values.reset();
    while (values.hasNext()) {
      const step = values.next();
      // The lowest value of the step's equivalence range: a latency recorded as exactly 4 µs
      // falls in the 4 µs bucket, not the next.
      const ns = h.lowestEquivalentValue(step.valueIteratedTo);
      const us = Math.max(1, Math.ceil(ns / NS_PER_US));
      const bucket = Math.ceil(Math.log2(us));
      counts[bucket] = (counts[bucket] ?? 0) + step.countAtValueIteratedTo;
    }
    const first = counts.findIndex((count) => (count ?? 0) > 0);
    if (first < 0) return [];
    const buckets: LatencyBucket[] = [];
    for (let i = first; i < counts.length; i++)
      buckets.push({ leUs: 2 ** i, count: counts[i] ?? 0 });
    return buckets;
  }

  /** Adds every latency `other` recorded to this one. */
  add(other: LatencyRecorder): void {
    this.#histogram.add(other.#histogram);
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.#histogram.reset();
  }
}
