/**
 * Which layer a row measures. The service layers are lnvmd with the TypeScript client over a
 * session (TCP, or a Unix socket) or over the unary transport (Submit + StreamCompletions).
 */
export type BenchLayer =
  | "fio"
  | "abi"
  | "binding"
  | "bare-grpc"
  | "service-session"
  | "service-unary"
  | "service-session-unix"
  | "service-session-control"
  | "service-session-mtls"
  | "service-session-metrics"
  | "service-tenant-limited"
  | "service-tenant-other"
  | "service-tenant-alone"
  | "python"
  | "idle";

/** A row's IOPS over its reference's in interleaved pairs of runs (see `compareInterleaved`). */
export interface PairRatios {
  /** The median of the pair ratios: the figure the row is judged by. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Pairs run. */
  readonly npairs: number;
}

/**
 * One measured workload: a line of the results table. Rates are over the whole run, including
 * the drain of the last commands; a figure that does not apply is `null`.
 */
export interface BenchRow {
  readonly layer: BenchLayer;
  /** randread, randwrite, seqread, seqwrite, unary, pingpong, push, stalled or idle. */
  readonly workload: string;
  /** Commands (or calls) kept in flight. */
  readonly qd: number | null;
  /** Bytes per command or message. */
  readonly bs: number | null;
  /** Commands (or messages, calls) per second. */
  readonly iops: number | null;
  /** Payload megabytes (10^6 bytes) per second. */
  readonly mbps: number | null;
  /** Median latency in microseconds, submission to completion as the caller sees it. */
  readonly p50Us: number | null;
  /** 99th percentile latency in microseconds. */
  readonly p99Us: number | null;
  /** Server process CPU (all threads) over the run, percent of one core. */
  readonly serverCpuPercent: number | null;
  /** Server peak resident set during the run (VmHWM, reset before the run), MiB. */
  readonly serverPeakRssMiB: number | null;
  /** Commands that completed with a nonzero status. */
  readonly errors: number;
  /** How the figure was obtained when that is not obvious (engine, fallbacks, early stop). */
  readonly note: string;
  /** Rows measured against a reference in interleaved pairs only; else null. */
  readonly pairRatios: PairRatios | null;
}

/** A row with the optional figures defaulted to `null`, no errors and no note. */
export function createRow(
  fields: Pick<BenchRow, "layer" | "workload"> & Partial<BenchRow>,
): BenchRow {
  return {
    qd: null,
    bs: null,
    iops: null,
    mbps: null,
    p50Us: null,
    p99Us: null,
    serverCpuPercent: null,
    serverPeakRssMiB: null,
    errors: 0,
    note: "",
    pairRatios: null,
    ...fields,
  };
}
