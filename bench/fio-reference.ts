import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { DURABLE_QD, READ_REGION_NBYTES, SEQWRITE_REGION_NBYTES } from "./bench-geometry.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";

const execFileAsync = promisify(execFile);

/** Longest an apt-get step may take. */
const APT_TIMEOUT_MS = 180_000;
/** Slack over a job's runtime for fio to lay out its file, start and exit. */
const FIO_SLACK_MS = 60_000;

/** One fio job of the reference. */
interface FioJob {
  readonly workload: string;
  readonly rw: string;
  readonly bs: number;
  readonly qd: number;
  /** psync for QD1, the queueing engine otherwise. */
  readonly sync: boolean;
  /**
   * Write one pass over a fresh (deleted) file of the model's sequential-write region size
   * instead of looping over the read region's file for the run time: the model's sequential
   * writes fill FREE chunks of a sparse image once, allocating as they go, so this is the
   * like-for-like figure (looping would measure overwrites of cached pages).
   */
  readonly fresh?: boolean;
  /**
   * `--fdatasync=N`: an fdatasync after every N writes, the reference for the model's durable
   * writes. fio counts a write done when its write returns (the page cache), not when a sync
   * covers it, and keeps writing while a sync runs; the model completes a write only after its
   * group commit's fdatasync returned.
   */
  readonly fdatasync?: number;
}

/**
 * In this order: the sequential write creates the file (and leaves it in the page cache) for
 * the reads; the random writes come last. So every random write overwrites a block written
 * before: the durable job's fdatasync calls carry data only, no block allocation or unwritten
 * extent conversion, like the model's on its preallocated durable image.
 */
const JOBS: readonly FioJob[] = [
  { workload: "seqwrite", rw: "write", bs: 262144, qd: 32, sync: false, fresh: true },
  { workload: "seqread", rw: "read", bs: 262144, qd: 32, sync: false },
  { workload: "randread", rw: "randread", bs: 4096, qd: 1, sync: true },
  { workload: "randread", rw: "randread", bs: 4096, qd: 32, sync: false },
  { workload: "randwrite", rw: "randwrite", bs: 4096, qd: 1, sync: true },
  { workload: "randwrite", rw: "randwrite", bs: 4096, qd: 32, sync: false },
  {
    workload: "randwrite-durable",
    rw: "randwrite",
    bs: 4096,
    qd: DURABLE_QD,
    sync: false,
    fdatasync: DURABLE_QD,
  },
];

/** The slice of fio's JSON output the bench reads. */
interface FioDirection {
  readonly iops: number;
  readonly bw_bytes: number;
  readonly total_ios: number;
  readonly clat_ns: { readonly percentile?: Record<string, number> };
}
interface FioOutput {
  readonly jobs: readonly {
    readonly error: number;
    readonly read: FioDirection;
    readonly write: FioDirection;
  }[];
}

/** Runs fio with `args` and returns its parsed JSON output; throws on failure. */
async function fio(args: readonly string[], timeoutMs: number): Promise<FioOutput> {
  const { stdout } = await execFileAsync("fio", [...args, "--output-format=json"], {
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  // fio may print notices before the JSON document.
  const output = JSON.parse(stdout.slice(stdout.indexOf("{"))) as FioOutput;
  const job = output.jobs[0];
  if (!job) throw new Error("fio reported no job");
  if (job.error !== 0) throw new Error(`fio job failed with error ${job.error}`);
  return output;
}

/** Whether fio is on PATH; otherwise tries `apt-get update && apt-get install -y fio`. */
async function ensureFio(): Promise<string | undefined> {
  try {
    await execFileAsync("fio", ["--version"]);
    return undefined;
  } catch {
    // not installed: try below
  }
  try {
    await execFileAsync("apt-get", ["update"], { timeout: APT_TIMEOUT_MS });
    await execFileAsync("apt-get", ["install", "-y", "fio"], {
      timeout: APT_TIMEOUT_MS,
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    await execFileAsync("fio", ["--version"]);
    return undefined;
  } catch (error) {
    return `fio is not installed and apt-get install -y fio failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

/** io_uring if a one-shot fio job can use it, else libaio. */
async function pickQueueEngine(file: string): Promise<string> {
  try {
    await fio(
      ["--name=probe", `--filename=${file}`, "--size=1M", "--rw=read", "--bs=4k"].concat([
        "--ioengine=io_uring",
        "--iodepth=2",
        "--invalidate=0",
      ]),
      FIO_SLACK_MS,
    );
    return "io_uring";
  } catch {
    return "libaio";
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * The storage limit: fio on a plain file of the read region's size in `dir`, buffered like the
 * model's image (no O_DIRECT, page cache kept between jobs with --invalidate=0). 4 KiB random
 * reads and writes at QD1 (psync) and QD32 (io_uring, or libaio where io_uring is unavailable),
 * 4 KiB random writes at QD32 with an fdatasync every 32 (see `FioJob.fdatasync`), 256 KiB
 * sequential reads at QD32, each for `seconds`; 256 KiB sequential writes at QD32 as one pass
 * over a fresh file (see `FioJob.fresh`). Without fio, returns one row saying why.
 */
export async function runFioReference(dir: string, seconds: number): Promise<BenchRow[]> {
  const missing = await ensureFio();
  if (missing) return [createRow({ layer: "fio", workload: "-", note: missing })];
  const file = join(dir, "fio.dat");
  const engine = await pickQueueEngine(join(dir, "fio-probe.dat"));
  const rows: BenchRow[] = [];
  for (const job of JOBS) {
    if (job.fresh) await rm(file, { force: true });
    if (job.rw.includes("write")) flushDirtyPages();
    const ioengine = job.sync ? "psync" : engine;
    const args = [
      "--name=ref",
      `--filename=${file}`,
      `--size=${job.fresh ? SEQWRITE_REGION_NBYTES : READ_REGION_NBYTES}`,
      `--rw=${job.rw}`,
      `--bs=${job.bs}`,
      `--iodepth=${job.qd}`,
      `--ioengine=${ioengine}`,
      `--runtime=${seconds}`,
      "--invalidate=0",
      "--randrepeat=0",
      ...(job.fresh ? ["--fallocate=none"] : ["--time_based"]),
      ...(job.fdatasync ? [`--fdatasync=${job.fdatasync}`] : []),
    ];
    try {
      const output = await fio(args, seconds * 1000 + FIO_SLACK_MS);
      const result = output.jobs[0] as FioOutput["jobs"][number];
      const direction = job.rw.includes("read") ? result.read : result.write;
      const percentiles = direction.clat_ns.percentile ?? {};
      const p50 = percentiles["50.000000"];
      const p99 = percentiles["99.000000"];
      rows.push(
        createRow({
          layer: "fio",
          workload: job.workload,
          qd: job.qd,
          bs: job.bs,
          iops: direction.iops,
          mbps: direction.bw_bytes / 1e6,
          p50Us: p50 === undefined ? null : p50 / 1000,
          p99Us: p99 === undefined ? null : p99 / 1000,
          note: `${ioengine}${job.fresh ? ", one pass over a fresh 2 GiB file" : ""}${job.fdatasync ? `, --fdatasync=${job.fdatasync} over the written 1 GiB file (a write counts once written, before its sync)` : ""}; clat latency`,
        }),
      );
    } catch (error) {
      rows.push(
        createRow({
          layer: "fio",
          workload: job.workload,
          qd: job.qd,
          bs: job.bs,
          note: `${ioengine} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
        }),
      );
    }
  }
  await rm(file, { force: true });
  return rows;
}
