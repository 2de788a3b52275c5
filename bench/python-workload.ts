import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type BenchRow, createRow } from "./bench-row.js";
import { ProcessSampler } from "./process-sampler.js";
import type { ServiceFixture } from "./service-fixture.js";

const execFileAsync = promisify(execFile);

const SCRIPT = fileURLToPath(new URL("./python/session_read_qd.py", import.meta.url));

/** The interpreter with Debian's python3-grpcio and python3-protobuf. */
export const PYTHON = "/usr/bin/python3";

/** Queue depth of the Python run: compared with the TypeScript session run at the same depth. */
export const PYTHON_QD = 64;

/** Bytes of each Python read. */
const PYTHON_BS = 4096;

/** Longest the script may take beyond its measured seconds (start-up, warm-up, drain). */
const PYTHON_SLACK_MS = 30_000;

/** What session_read_qd.py prints. */
interface PythonResult {
  readonly iops: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly ncommands: number;
  readonly seconds: number;
  readonly errors: number;
  /** Times the session was reattached during the run. */
  readonly reattachments: number;
}

/**
 * 4 KiB random reads at `PYTHON_QD` through the Python client's session
 * (bench/python/session_read_qd.py: futures refilled from their callbacks) against the
 * fixture's server. Returns a row, or a row with only a note when Python or its gRPC packages
 * are missing.
 */
export async function runPythonWorkload(
  fixture: ServiceFixture,
  seconds: number,
): Promise<BenchRow> {
  const sampler = new ProcessSampler(fixture.server.pid);
  const args = [
    SCRIPT,
    fixture.server.address,
    fixture.device,
    "--qd",
    String(PYTHON_QD),
    "--seconds",
    String(seconds),
    "--read-nchunks",
    String(fixture.readRegion.nchunks),
  ];
  try {
    sampler.start();
    const { stdout } = await execFileAsync(PYTHON, args, {
      timeout: seconds * 1000 + PYTHON_SLACK_MS,
    });
    const usage = sampler.stop();
    const result = JSON.parse(stdout) as PythonResult;
    return createRow({
      layer: "python",
      workload: "randread",
      qd: PYTHON_QD,
      bs: PYTHON_BS,
      iops: result.iops,
      mbps: (result.iops * PYTHON_BS) / 1e6,
      p50Us: result.p50_us,
      p99Us: result.p99_us,
      errors: result.errors,
      serverCpuPercent: usage.cpuPercent,
      serverPeakRssMiB: usage.peakRssMiB,
      note: `session futures; ${result.reattachments} reattachments; server figures include start-up`,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split("\n").pop();
    return createRow({
      layer: "python",
      workload: "randread",
      qd: PYTHON_QD,
      bs: PYTHON_BS,
      note: `not run: ${stderr || (error instanceof Error ? error.message : String(error))}`,
    });
  }
}
