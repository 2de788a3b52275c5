import { setTimeout as sleep } from "node:timers/promises";
import { type ContextHandle, createLnvmClient, type LnvmClient } from "../clients/ts/index.js";
import { BENCH_GEOMETRY, LARGE_NSECTORS, SMALL_NSECTORS } from "./bench-geometry.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { rowFromLoop } from "./binding-workloads.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";
import {
  createRandomReadPattern,
  createRandomWritePattern,
  createStripedPattern,
  type IoPattern,
} from "./io-pattern.js";
import { ProcessSampler } from "./process-sampler.js";
import type { ServiceFixture } from "./service-fixture.js";
import { runServiceLoop } from "./service-io-loop.js";

/** Queue depths of the 4 KiB service runs. */
export const SERVICE_QDS = [1, 32, 256] as const;

/**
 * Chunks of a service random-write region: at least this many, and `qd` plus this many, so the
 * one-write-in-flight-per-chunk pattern always has idle chunks to choose from.
 */
const SERVICE_WRITE_REGION_MIN_NCHUNKS = 64;
const SERVICE_WRITE_REGION_SPARE_NCHUNKS = 32;

/** Untimed random reads before the first measured run (JIT on both sides, connection up). */
const WARMUP_S = 1;

/** Contexts held open (each with its completion stream attached) while the server idles. */
const IDLE_NCONTEXTS = 4;
/** How long the idle server is measured. */
const IDLE_MEASURE_S = 3;
/** Pause after the last completion before the idle measurement starts. */
const IDLE_SETTLE_MS = 500;

/**
 * The service end to end with the TypeScript client: 4 KiB random reads and writes at each of
 * `SERVICE_QDS`, and 256 KiB striped reads at QD32, each on a context of depth qd, for
 * `seconds`; server CPU and peak RSS per run from /proc.
 */
export async function runServiceWorkloads(
  fixture: ServiceFixture,
  seconds: number,
): Promise<BenchRow[]> {
  const client = createLnvmClient(fixture.server.address);
  const sampler = new ProcessSampler(fixture.server.pid);
  const self = new ProcessSampler(process.pid);
  const nbytes = BENCH_GEOMETRY.nbytes;
  const rows: BenchRow[] = [];
  const run = async (
    op: "read" | "write",
    workload: string,
    qd: number,
    pattern: IoPattern,
    measured = true,
  ) => {
    if (op === "write") flushDirtyPages();
    const context = await client.init({ device: fixture.device, depth: qd });
    const data = new Uint8Array(pattern.nsectors * nbytes).fill(0xa5);
    try {
      sampler.start();
      self.start();
      const result = await runServiceLoop(context, {
        op,
        pattern,
        qd,
        seconds: measured ? seconds : WARMUP_S,
        data,
      });
      const usage = sampler.stop();
      const clientUsage = self.stop();
      if (measured) {
        const row = rowFromLoop("service", workload, qd, pattern.nsectors * nbytes, result, {
          serverCpuPercent: usage.cpuPercent,
          serverPeakRssMiB: usage.peakRssMiB,
        });
        const clientNote = `client CPU ${clientUsage.cpuPercent.toFixed(0)} %`;
        rows.push({ ...row, note: row.note ? `${row.note}; ${clientNote}` : clientNote });
      }
    } finally {
      await context.term();
    }
  };
  try {
    await run("read", "randread", 32, createRandomReadPattern(fixture.readRegion, 1), false);
    for (const qd of SERVICE_QDS) {
      await run("read", "randread", qd, createRandomReadPattern(fixture.readRegion, 1));
    }
    await run(
      "read",
      "seqread",
      32,
      createStripedPattern(fixture.readRegion, LARGE_NSECTORS, true),
    );
    for (const qd of SERVICE_QDS) {
      const region = fixture.regions.take(
        Math.max(SERVICE_WRITE_REGION_MIN_NCHUNKS, qd + SERVICE_WRITE_REGION_SPARE_NCHUNKS),
      );
      await run("write", "randwrite", qd, createRandomWritePattern(region, SMALL_NSECTORS));
    }
  } finally {
    client.close();
  }
  return rows;
}

/**
 * Server CPU while idle: opens `IDLE_NCONTEXTS` contexts, completes one read on each (so each
 * has its completion stream attached), then measures the server over `IDLE_MEASURE_S` with
 * nothing outstanding.
 */
export async function measureIdleServer(fixture: ServiceFixture): Promise<BenchRow> {
  const client: LnvmClient = createLnvmClient(fixture.server.address);
  const contexts: ContextHandle[] = [];
  const sampler = new ProcessSampler(fixture.server.pid);
  try {
    for (let i = 0; i < IDLE_NCONTEXTS; i++) {
      const context = await client.init({ device: fixture.device, depth: 32 });
      contexts.push(context);
      await context.read({ start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: 1 });
    }
    await sleep(IDLE_SETTLE_MS);
    sampler.start();
    await sleep(IDLE_MEASURE_S * 1000);
    const usage = sampler.stop();
    return createRow({
      layer: "idle",
      workload: "idle",
      serverCpuPercent: usage.cpuPercent,
      serverPeakRssMiB: usage.peakRssMiB,
      note: `${IDLE_NCONTEXTS} contexts open, streams attached, nothing outstanding, ${IDLE_MEASURE_S} s`,
    });
  } finally {
    for (const context of contexts) await context.term();
    client.close();
  }
}
