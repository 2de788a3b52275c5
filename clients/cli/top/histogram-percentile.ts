/**
 * The `q`-quantile (0 < q ≤ 1) of a histogram given as per-bucket counts (not cumulative) over
 * ascending upper `bounds`, with one more bucket above the last bound. Interpolates linearly
 * inside the bucket the quantile falls in, as Prometheus's histogram_quantile does; the first
 * bucket starts at 0, and a quantile in the last (open) bucket is reported as the last bound.
 * Returns undefined when the histogram is empty.
 */
export function histogramPercentile(
  counts: readonly number[],
  bounds: readonly number[],
  q: number,
): number | undefined {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && below + n >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1];
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const upper = bounds[i] ?? lower;
      return lower + ((upper - lower) * (rank - below)) / n;
    }
    below += n;
  }
  return bounds[bounds.length - 1];
}
