/** The access patterns of `lnvm bench`, named as in fio. */
export const BENCH_PATTERNS = ["read", "write", "randread", "randwrite", "mixed"] as const;

export type BenchPattern = (typeof BENCH_PATTERNS)[number];

/** A parsed `lnvm bench` command line. */
export interface BenchOptions {
  readonly device: string;
  readonly pattern: BenchPattern;
  /** Share of reads in `mixed`, percent. */
  readonly readPct: number;
  /** Sectors per command. */
  readonly bs: number;
  /** Commands in flight per context, and each context's depth. */
  readonly qd: number;
  readonly contexts: number;
  /** Chunks per parallel unit that reads use. */
  readonly readChunks: number;
  /** Stop after this long, milliseconds; undefined: only `sizeBytes` stops the run. */
  readonly durationMs: number | undefined;
  /** Stop once this many bytes were transferred; undefined: only the duration stops it. */
  readonly sizeBytes: number | undefined;
  readonly json: boolean;
}

/** Whether `pattern` reads, and whether it writes. */
export function patternKinds(pattern: BenchPattern): { reads: boolean; writes: boolean } {
  return {
    reads: pattern === "read" || pattern === "randread" || pattern === "mixed",
    writes: pattern === "write" || pattern === "randwrite" || pattern === "mixed",
  };
}
