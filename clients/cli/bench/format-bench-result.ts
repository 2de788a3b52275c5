import type { LatencySummary } from "../../ts/load/index.js";
import { formatBytes } from "../format-bytes.js";
import type { BenchResult } from "./bench-result.js";

/** Width of the longest histogram bar, characters. */
const BAR_WIDTH = 40;

function percentiles(summary: LatencySummary): string {
  return (
    `min ${summary.min}  p50 ${summary.p50}  p90 ${summary.p90}  p99 ${summary.p99}  ` +
    `p99.9 ${summary["p99.9"]}  max ${summary.max}  mean ${summary.mean}`
  );
}

/**
 * The human-readable report of a bench run: parameters, throughput, client and device latency
 * percentiles, and a bar chart of the client latency in power-of-two buckets.
 */
export function formatBenchResult(result: BenchResult): string {
  const mix = result.readPct === undefined ? "" : ` (${result.readPct}% reads)`;
  const lines = [
    `${result.device}: ${result.pattern}${mix}, bs ${result.bs} sectors (${formatBytes(result.bsBytes)}), ` +
      `qd ${result.qd} × ${result.contexts} context${result.contexts === 1 ? "" : "s"}, ` +
      `${result.elapsedS.toFixed(2)} s`,
    `  ops      ${result.ops} (reads ${result.reads}, writes ${result.writes})`,
    `  IOPS     ${Math.round(result.iops)}`,
    `  MB/s     ${result.mbps.toFixed(1)} (${formatBytes(result.bytes)} in all)`,
    `  prepared ${result.preparation.filledSectors} sectors filled for reads, ` +
      `${result.preparation.resetChunks} chunks reset for writes`,
    "latency, µs (client-observed per command):",
    `  ${percentiles(result.latencyUs)}`,
    "device latency, µs (server-reported):",
    `  ${percentiles(result.deviceLatencyUs)}`,
  ];
  const peak = Math.max(1, ...result.histogramUs.map((b) => b.count));
  const total = Math.max(
    1,
    result.histogramUs.reduce((sum, b) => sum + b.count, 0),
  );
  if (result.histogramUs.length > 0) lines.push("histogram (client latency ≤ bucket, µs):");
  const labelWidth = Math.max(...result.histogramUs.map((b) => String(b.leUs).length), 1);
  for (const bucket of result.histogramUs) {
    const bar = "█".repeat(Math.round((bucket.count / peak) * BAR_WIDTH));
    const share = ((bucket.count / total) * 100).toFixed(1).padStart(5);
    lines.push(`  ${String(bucket.leUs).padStart(labelWidth)}  ${share}%  ${bar}`);
  }
  return `${lines.join("\n")}\n`;
}
