import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createModelImage, type ModelImageOptions } from "../native/binding/index.js";
import {
  BENCH_GEOMETRY,
  DURABLE_GEOMETRY,
  DURABLE_QD,
  DURABLE_REGION_NCHUNKS,
  LARGE_NSECTORS,
  RANDWRITE_REGION_NCHUNKS,
  READ_REGION_NCHUNKS,
  SEQWRITE_REGION_NCHUNKS,
} from "./bench-geometry.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";

const execFileAsync = promisify(execFile);

const MODEL_DIR = fileURLToPath(new URL("../native/model", import.meta.url));
/** The C driver, built by `make -C native/model bench` from bench/abi/abi-bench.c. */
const ABI_BENCH = join(MODEL_DIR, "build", "abi-bench");
/** Slack over the measured time for image prefill, start and exit. */
const ABI_SLACK_MS = 120_000;

/** One line of abi-bench's output. */
interface AbiLine {
  readonly workload: string;
  readonly qd: number;
  readonly bs: number;
  readonly iops: number;
  readonly mbps: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly seconds: number;
  readonly errors: number;
}

function message(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  if (stderr) return stderr.split("\n").slice(-3).join(" / ");
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

/** One abi-bench invocation of the ABI layer. */
interface AbiInvocation {
  readonly args: readonly string[];
  readonly notes: (line: AbiLine) => string;
  /** The image it runs on. @default BENCH_GEOMETRY */
  readonly image?: ModelImageOptions;
  /** The rows' workload, when not abi-bench's own name for it. */
  readonly workload?: string;
}

/** Runs one invocation on a fresh image at `image`; returns its lines as rows. */
async function runAbiBench(
  image: string,
  invocation: AbiInvocation,
  seconds: number,
): Promise<BenchRow[]> {
  const { args, notes } = invocation;
  await createModelImage(image, { ...(invocation.image ?? BENCH_GEOMETRY), force: true });
  flushDirtyPages();
  try {
    const { stdout } = await execFileAsync(
      ABI_BENCH,
      [image, "--seconds", String(seconds), ...args],
      {
        timeout: ABI_SLACK_MS + seconds * 10_000,
      },
    );
    return stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((text) => {
        const line = JSON.parse(text) as AbiLine;
        const ranShort = line.seconds < seconds * 0.95 && line.workload !== "seqwrite";
        return createRow({
          layer: "abi",
          workload: invocation.workload ?? line.workload,
          qd: line.qd,
          bs: line.bs,
          iops: line.iops,
          mbps: line.mbps,
          p50Us: line.p50_us,
          p99Us: line.p99_us,
          errors: line.errors,
          note: [notes(line), ranShort ? `region full after ${line.seconds.toFixed(2)} s` : ""]
            .filter(Boolean)
            .join("; "),
        });
      });
  } finally {
    await rm(image, { force: true });
  }
}

/**
 * The model through the C ABI: builds abi-bench (`make -C native/model bench`) and runs it on
 * fresh bench images in `dir`: 4 KiB random reads at QD1 and QD32, 256 KiB random reads at
 * QD32, 4 KiB random writes at QD1 and QD32, one pass of 256 KiB striped sequential writes
 * at QD32 over 2 GiB, and 4 KiB random writes at QD32 on a durable, preallocated image
 * (`DURABLE_GEOMETRY`), each completion waiting for its group commit's fdatasync, with the
 * driver asleep in `nvm_async_wait` as fio sleeps in io_uring.
 * If the driver does not build or run, returns one row saying why.
 */
export async function runAbiDriver(dir: string, seconds: number): Promise<BenchRow[]> {
  try {
    await execFileAsync("make", ["-s", "-C", MODEL_DIR, "bench"], { timeout: ABI_SLACK_MS });
  } catch (error) {
    return [
      createRow({
        layer: "abi",
        workload: "-",
        note: `abi-bench did not build: ${message(error)}`,
      }),
    ];
  }
  const image = join(dir, "abi.img");
  const regions = [
    "--read-nchunks",
    String(READ_REGION_NCHUNKS),
    "--write-nchunks",
    String(RANDWRITE_REGION_NCHUNKS),
    "--seq-nchunks",
    String(SEQWRITE_REGION_NCHUNKS),
  ];
  // One invocation per write workload, each on a fresh image after a sync, so one run's dirty
  // pages do not throttle the next (abi-bench runs its workloads back to back otherwise).
  const inOrder = () => "several writes in flight per chunk, in order";
  const invocations: AbiInvocation[] = [
    { args: ["--workloads", "randread", "--qds", "1,32"], notes: () => "" },
    {
      args: ["--workloads", "randread", "--qds", "32", "--bs-sectors", String(LARGE_NSECTORS)],
      notes: () => "random 256 KiB-aligned reads (abi-bench has no sequential read)",
    },
    { args: ["--workloads", "randwrite", "--qds", "1"], notes: inOrder },
    { args: ["--workloads", "randwrite", "--qds", "32"], notes: inOrder },
    {
      args: ["--workloads", "seqwrite", "--seq-qd", "32"],
      notes: (line) => `one pass over 2 GiB of FREE chunks (${line.seconds.toFixed(2)} s)`,
    },
    {
      args: [
        "--workloads",
        "randwrite",
        "--qds",
        String(DURABLE_QD),
        "--write-nchunks",
        String(DURABLE_REGION_NCHUNKS),
        "--wait",
      ],
      image: DURABLE_GEOMETRY,
      workload: "randwrite-durable",
      notes: () =>
        "durable image, preallocated (1 GiB written at creation); a completion waits for its group commit's fdatasync; driver asleep in nvm_async_wait",
    },
  ];
  try {
    const rows: BenchRow[] = [];
    for (const invocation of invocations) {
      const args = invocation.image ? invocation.args : [...invocation.args, ...regions];
      rows.push(...(await runAbiBench(image, { ...invocation, args }, seconds)));
    }
    return rows;
  } catch (error) {
    return [
      createRow({ layer: "abi", workload: "-", note: `abi-bench failed: ${message(error)}` }),
    ];
  }
}
