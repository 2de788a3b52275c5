import type { LatencyBucket, LatencySummary } from "../../ts/load/index.js";
import type { BenchOptions } from "./bench-options.js";

/** What `lnvm bench` measured; `--json` prints exactly this. */
export interface BenchResult {
  readonly device: string;
  readonly pattern: BenchOptions["pattern"];
  /** Share of reads asked for (`mixed` only), percent. */
  readonly readPct: number | undefined;
  /** Sectors per command, and the same in bytes. */
  readonly bs: number;
  readonly bsBytes: number;
  readonly qd: number;
  readonly contexts: number;
  /** Time from the first command of the run to the last completion, seconds. */
  readonly elapsedS: number;
  readonly ops: number;
  readonly reads: number;
  readonly writes: number;
  /** Data bytes read and written. */
  readonly bytes: number;
  readonly iops: number;
  /** Decimal megabytes (10^6 bytes) per second. */
  readonly mbps: number;
  /** Client-observed latency per command (Submit to completion on the stream), µs. */
  readonly latencyUs: LatencySummary;
  /** Device latency the server reports per command (submission to reap), µs. */
  readonly deviceLatencyUs: LatencySummary;
  /** Client-observed latency in power-of-two buckets, µs. */
  readonly histogramUs: readonly LatencyBucket[];
  /** What the bench did before the run, and during it besides the measured ops. */
  readonly preparation: {
    /** Sectors written to fill read chunks before the run. */
    readonly filledSectors: number;
    /** Chunks reset to be written again. */
    readonly resetChunks: number;
  };
}
