import { build } from "hdr-histogram-js";

/** A latency histogram in nanoseconds, 3 significant digits, resizing as needed. */
export type LatencyHistogram = ReturnType<typeof build>;

/** A new, empty nanosecond latency histogram. Recording into it does not allocate. */
export function createLatencyHistogram(): LatencyHistogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** The 50th and 99th percentiles of `histogram`, in microseconds; null when it is empty. */
export function latencyPercentilesUs(histogram: LatencyHistogram): {
  p50Us: number | null;
  p99Us: number | null;
} {
  if (histogram.totalCount === 0) return { p50Us: null, p99Us: null };
  return {
    p50Us: histogram.getValueAtPercentile(50) / 1000,
    p99Us: histogram.getValueAtPercentile(99) / 1000,
  };
}
