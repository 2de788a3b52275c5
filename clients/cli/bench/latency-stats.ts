import { build, type Histogram } from "hdr-histogram-js";

/** Highest latency the histogram tracks, in microseconds (values above are clamped). */
const MAX_TRACKED_US = 60_000_000;

/** Percentiles of a latency distribution, in microseconds. */
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

/**
 * Latencies in microseconds: an HDR histogram (3 significant digits, 1 µs to 60 s) for the
 * percentiles, and power-of-two buckets for a picture of the distribution.
 */
export class LatencyStats {
  readonly #histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_TRACKED_US,
    numberOfSignificantValueDigits: 3,
  });
  readonly #buckets: number[] = [];

  /** Records one latency, in microseconds; rounded up to a whole µs, at least 1. */
  record(us: number): void {
    const value = Math.min(MAX_TRACKED_US, Math.max(1, Math.ceil(us)));
    this.#histogram.recordValue(value);
    const bucket = Math.ceil(Math.log2(value));
    this.#buckets[bucket] = (this.#buckets[bucket] ?? 0) + 1;
  }

  get count(): number {
    return this.#histogram.totalCount;
  }

  /** Min, mean, p50, p90, p99, p99.9 and max; all 0 when nothing was recorded. */
  summary(): LatencySummary {
    const h = this.#histogram;
    const at = (p: number) => (h.totalCount > 0 ? h.getValueAtPercentile(p) : 0);
    return {
      count: h.totalCount,
      min: h.totalCount > 0 ? h.minNonZeroValue : 0,
      mean: h.totalCount > 0 ? Math.round(h.mean * 10) / 10 : 0,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      "p99.9": at(99.9),
      max: h.totalCount > 0 ? h.maxValue : 0,
    };
  }

  /** The power-of-two buckets from the lowest to the highest non-empty one. */
  buckets(): LatencyBucket[] {
    const first = this.#buckets.findIndex((count) => (count ?? 0) > 0);
    if (first < 0) return [];
    const result: LatencyBucket[] = [];
    for (let i = first; i < this.#buckets.length; i++) {
      result.push({ leUs: 2 ** i, count: this.#buckets[i] ?? 0 });
    }
    return result;
  }
}
