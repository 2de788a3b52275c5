import { setTimeout as sleep } from "node:timers/promises";
import { type ContextHandle, createLnvmClient, type LnvmClient } from "../clients/ts/index.js";
import { LatencyRecorder } from "../clients/ts/load/index.js";
import { BENCH_GEOMETRY, LARGE_NSECTORS, SMALL_NSECTORS } from "./bench-geometry.js";
import { type BenchLayer, type BenchRow, createRow } from "./bench-row.js";
import { rowFromLoop } from "./binding-workloads.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";
import {
  createRandomReadPattern,
  createRandomWritePattern,
  createStripedPattern,
  type IoPattern,
} from "./io-pattern.js";
import { ProcessSampler, type ProcessUsage } from "./process-sampler.js";
import type { ServiceFixture } from "./service-fixture.js";
import { type CommandIssuer, runServiceLoop, type ServiceLoopResult } from "./service-io-loop.js";
import { UnaryTransport } from "./unary-transport.js";

/** How the client's commands and completions travel. */
export type ServiceTransport = "session" | "unary";

/** Queue depths of the 4 KiB random-read runs. */
export const SERVICE_READ_QDS = [1, 64, 256] as const;

/** Queue depth of the 4 KiB random-write run. */
export const SERVICE_WRITE_QD = 64;

/** Queue depth of the 256 KiB read run: 8 MiB in flight, half a context's held-bytes budget. */
export const SERVICE_LARGE_READ_QD = 32;

/**
 * Chunks of a service random-write region: at least this many, and `qd` plus this many, so the
 * one-write-in-flight-per-chunk pattern always has idle chunks to choose from.
 */
const SERVICE_WRITE_REGION_MIN_NCHUNKS = 64;
const SERVICE_WRITE_REGION_SPARE_NCHUNKS = 32;

/** Untimed random reads before the first measured run on a server (JIT on both sides). */
const WARMUP_S = 1;

/** Contexts held open (each with its session attached) while the server idles. */
const IDLE_NCONTEXTS = 4;
/** How long the idle server is measured. */
const IDLE_MEASURE_S = 3;
/** Pause after the last completion before the idle measurement starts. */
const IDLE_SETTLE_MS = 500;

/** What one service run does. */
export interface ServiceRun {
  readonly op: "read" | "write";
  readonly workload: string;
  readonly qd: number;
  readonly pattern: IoPattern;
}

/** 4 KiB random reads at `qd` over the fixture's read region. */
export function randomReadRun(fixture: ServiceFixture, qd: number): ServiceRun {
  const pattern = createRandomReadPattern(fixture.readRegion, SMALL_NSECTORS);
  return { op: "read", workload: "randread", qd, pattern };
}

/** One measured run: the loop's figures and both processes' usage over it. */
export interface ServiceSample {
  readonly result: ServiceLoopResult;
  readonly server: ProcessUsage;
  readonly client: ProcessUsage;
}

/**
 * Runs `run` on a fresh context of depth qd over `transport`, for `seconds`, sampling the
 * server's and this process's CPU and peak RSS from /proc.
 */
export async function sampleRun(
  client: LnvmClient,
  fixture: ServiceFixture,
  transport: ServiceTransport,
  run: ServiceRun,
  seconds: number,
): Promise<ServiceSample> {
  const { op, qd, pattern } = run;
  if (op === "write") flushDirtyPages();
  const context = await client.init({ device: fixture.device, depth: qd });
  const unary = transport === "unary" ? new UnaryTransport(client.stubs.contexts, context) : null;
  const issuer: CommandIssuer = unary ?? context;
  const data = new Uint8Array(pattern.nsectors * BENCH_GEOMETRY.nbytes).fill(0xa5);
  const sampler = new ProcessSampler(fixture.server.pid);
  const self = new ProcessSampler(process.pid);
  try {
    sampler.start();
    self.start();
    const result = await runServiceLoop(issuer, { op, pattern, qd, seconds, data });
    return { result, server: sampler.stop(), client: self.stop() };
  } finally {
    unary?.close();
    await context.term();
  }
}

/** Time-weighted mean of `cpuPercent` over `usages`. */
function meanCpuPercent(usages: readonly ProcessUsage[]): number {
  const seconds = usages.reduce((sum, u) => sum + u.seconds, 0);
  return usages.reduce((sum, u) => sum + u.cpuPercent * u.seconds, 0) / seconds;
}

/**
 * The row of `run` for `layer` from one or more samples of it (merged: commands and time
 * summed, latencies together, CPU time-weighted, the highest peak RSS), with the device p50 and
 * the client's CPU in the note, after `note` when given.
 */
export function rowFromSamples(
  layer: BenchLayer,
  run: Pick<ServiceRun, "workload" | "qd" | "pattern">,
  samples: readonly ServiceSample[],
  note = "",
): BenchRow {
  const latency = new LatencyRecorder();
  const deviceLatency = new LatencyRecorder();
  for (const { result } of samples) {
    latency.add(result.latency);
    deviceLatency.add(result.deviceLatency);
  }
  const sum = (pick: (r: ServiceLoopResult) => number) =>
    samples.reduce((total, s) => total + pick(s.result), 0);
  const merged = {
    ncommands: sum((r) => r.ncommands),
    errors: sum((r) => r.errors),
    seconds: sum((r) => r.seconds),
    exhausted: samples.some((s) => s.result.exhausted),
    latency,
  };
  const bs = run.pattern.nsectors * BENCH_GEOMETRY.nbytes;
  const row = rowFromLoop(layer, run.workload, run.qd, bs, merged, {
    serverCpuPercent: meanCpuPercent(samples.map((s) => s.server)),
    serverPeakRssMiB: Math.max(...samples.map((s) => s.server.peakRssMiB)),
  });
  const device = deviceLatency.percentileUs(50);
  const clientCpu = meanCpuPercent(samples.map((s) => s.client));
  const notes = [
    row.note,
    note,
    `device p50 ${device === null ? "–" : device.toFixed(1)} µs; client CPU ${clientCpu.toFixed(0)} %`,
  ];
  return { ...row, note: notes.filter((n) => n !== "").join("; ") };
}

/** Runs `run` once (`sampleRun`) and returns its row for `layer`. */
async function measureRun(
  client: LnvmClient,
  fixture: ServiceFixture,
  transport: ServiceTransport,
  layer: BenchLayer,
  run: ServiceRun,
  seconds: number,
): Promise<BenchRow> {
  return rowFromSamples(layer, run, [await sampleRun(client, fixture, transport, run, seconds)]);
}

/** Untimed random reads at QD64 over `transport`, so both processes are compiled first. */
export async function warmUpService(
  fixture: ServiceFixture,
  transport: ServiceTransport,
): Promise<void> {
  const client = createLnvmClient(fixture.server.address, fixture.clientOptions);
  try {
    await sampleRun(client, fixture, transport, randomReadRun(fixture, 64), WARMUP_S);
  } finally {
    client.close();
  }
}

/**
 * The service end to end with the TypeScript client over `transport` (warmed up first), rows
 * of `layer`: 4 KiB
 * random reads at each of `SERVICE_READ_QDS`, 256 KiB striped reads at `SERVICE_LARGE_READ_QD`
 * and 4 KiB random writes at `SERVICE_WRITE_QD`, each for `seconds` on a context of depth qd.
 */
export async function runServiceWorkloads(
  fixture: ServiceFixture,
  transport: ServiceTransport,
  layer: BenchLayer,
  seconds: number,
): Promise<BenchRow[]> {
  const client = createLnvmClient(fixture.server.address, fixture.clientOptions);
  const rows: BenchRow[] = [];
  await warmUpService(fixture, transport);
  const measure = async (run: ServiceRun) => {
    rows.push(await measureRun(client, fixture, transport, layer, run, seconds));
  };
  try {
    for (const qd of SERVICE_READ_QDS) {
      await measure(randomReadRun(fixture, qd));
    }
    await measure({
      op: "read",
      workload: "seqread",
      qd: SERVICE_LARGE_READ_QD,
      pattern: createStripedPattern(fixture.readRegion, LARGE_NSECTORS, true),
    });
    const region = fixture.regions.take(
      Math.max(
        SERVICE_WRITE_REGION_MIN_NCHUNKS,
        SERVICE_WRITE_QD + SERVICE_WRITE_REGION_SPARE_NCHUNKS,
      ),
    );
    await measure({
      op: "write",
      workload: "randwrite",
      qd: SERVICE_WRITE_QD,
      pattern: createRandomWritePattern(region, SMALL_NSECTORS),
    });
  } finally {
    client.close();
  }
  return rows;
}

/**
 * Server CPU while idle: opens `IDLE_NCONTEXTS` contexts, completes one read on each (so each
 * has its session attached), then measures the server over `IDLE_MEASURE_S` with nothing
 * outstanding.
 */
export async function measureIdleServer(fixture: ServiceFixture): Promise<BenchRow> {
  const client: LnvmClient = createLnvmClient(fixture.server.address, fixture.clientOptions);
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
      note: `${IDLE_NCONTEXTS} contexts open, sessions attached, nothing outstanding, ${IDLE_MEASURE_S} s`,
    });
  } finally {
    for (const context of contexts) await context.term();
    client.close();
  }
}
