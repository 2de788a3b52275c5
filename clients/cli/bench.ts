import { randomFillSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import { SingleBar } from "cli-progress";
import type { ChunkDescriptor, ContextHandle } from "../ts/index.js";
import { createBenchCounters } from "./bench/bench-counters.js";
import {
  BENCH_PATTERNS,
  type BenchOptions,
  type BenchPattern,
  patternKinds,
} from "./bench/bench-options.js";
import { planBench } from "./bench/bench-plan.js";
import type { BenchResult } from "./bench/bench-result.js";
import { formatBenchResult } from "./bench/format-bench-result.js";
import { LatencyStats } from "./bench/latency-stats.js";
import { prepareReadChunks } from "./bench/prepare-read-chunks.js";
import { type BenchShared, runBenchContext } from "./bench/run-bench-context.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { withSession } from "./cli-session.js";
import { maxCommandSectors } from "./command-plan.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { parseInteger } from "./parse-integer.js";
import { parseSize } from "./parse-size.js";
import { writeJson } from "./write-json.js";

/** Run length without `--duration` or `--size`, seconds. */
const DEFAULT_DURATION_S = 5;
/** How often the progress bar is redrawn, milliseconds. */
const PROGRESS_INTERVAL_MS = 200;

const USAGE = `Usage: lnvm bench <device> [--pattern P] [--bs N] [--qd N] [--contexts N]
                  [--duration S | --size BYTES] [--read-pct N] [--read-chunks N] [--json]

A load generator over gRPC, like fio: keeps --qd commands in flight on each of --contexts
contexts and reports IOPS, MB/s and the client-observed latency of each command (p50, p90,
p99, p99.9 and a histogram).

It runs on a fresh device and follows the device rules itself: writes go to each chunk's write
pointer in multiples of ws_min sectors, and a closed chunk is reset (erased) before it is
written again; reads use --read-chunks chunks per parallel unit, which are written to their end
first if needed. Each context owns its own parallel units. Writing erases data on the device.

Options:
  --pattern P       read, write, randread, randwrite or mixed (default randread)
  --read-pct N      share of reads in mixed, 0 to 100 (default 70)
  --bs N            sectors per command (default ws_opt; a multiple of ws_min when writing;
                    at most 64 and max_command_bytes)
  --qd N            commands in flight per context, 1 to 4096 (default 16)
  --contexts N      contexts, each owning every N-th parallel unit (default 1)
  --duration S      run for S seconds (default ${DEFAULT_DURATION_S} unless --size is given)
  --size BYTES      stop after BYTES of data (suffixes k, m, g: powers of 1024)
  --read-chunks N   chunks per parallel unit that reads use (default 1)
  --json            print the result as JSON (and no progress bar)`;

function parseDuration(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0)) {
    throw CliError.usage(`--duration: expected seconds (> 0), got ${JSON.stringify(text)}`);
  }
  return seconds * 1000;
}

/** A progress bar on stderr (terminal only), redrawn from the shared counters until stopped. */
function startProgress(io: CliIo, shared: BenchShared): () => void {
  const { options, counters } = shared;
  const bySize = options.durationMs === undefined;
  const total = bySize ? (options.sizeBytes ?? 1) : (options.durationMs ?? 1) / 1000;
  const bar = new SingleBar({
    stream: io.stderr,
    format: `bench ${options.pattern} [{bar}] {percentage}% | {ops} ops | {iops} IOPS | {mbps} MB/s`,
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
  });
  const started = performance.now();
  const payload = () => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    return {
      ops: counters.ops,
      iops: Math.round(counters.ops / seconds),
      mbps: (counters.bytes / 1e6 / seconds).toFixed(1),
    };
  };
  bar.start(total, 0, payload());
  const timer = setInterval(() => {
    const value = bySize ? counters.bytes : (performance.now() - started) / 1000;
    bar.update(Math.min(value, total), payload());
  }, PROGRESS_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    bar.stop();
  };
}

/** `lnvm bench`: a load generator reporting IOPS, throughput and latency percentiles. */
export const benchCommand: CliCommand = {
  name: "bench",
  summary: "generate load (fio-like) and report IOPS, MB/s and latency percentiles",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: {
        pattern: { type: "string" },
        "read-pct": { type: "string" },
        bs: { type: "string" },
        qd: { type: "string" },
        contexts: { type: "string" },
        duration: { type: "string" },
        size: { type: "string" },
        "read-chunks": { type: "string" },
        json: { type: "boolean" },
      },
      positionals: ["<device>"],
    });
    if (!parsed) return;
    const { values } = parsed;
    const pattern = (values.pattern ?? "randread") as BenchPattern;
    if (!BENCH_PATTERNS.includes(pattern)) {
      throw CliError.usage(
        `--pattern ${JSON.stringify(values.pattern)}: expected one of ${BENCH_PATTERNS.join(", ")}`,
      );
    }
    const sizeBytes = values.size === undefined ? undefined : parseSize("--size", values.size);
    const durationMs =
      values.duration !== undefined
        ? parseDuration(values.duration)
        : sizeBytes === undefined
          ? DEFAULT_DURATION_S * 1000
          : undefined;
    const partial = {
      device: parsed.positionals[0] ?? "",
      pattern,
      readPct:
        values["read-pct"] === undefined
          ? 70
          : parseInteger("--read-pct", values["read-pct"], 0, 100),
      qd: values.qd === undefined ? 16 : parseInteger("--qd", values.qd, 1, 4096),
      contexts:
        values.contexts === undefined ? 1 : parseInteger("--contexts", values.contexts, 1, 1024),
      readChunks:
        values["read-chunks"] === undefined
          ? 1
          : parseInteger("--read-chunks", values["read-chunks"], 1),
      durationMs,
      sizeBytes,
      json: values.json === true,
    };
    await withSession(parsed.address, async (session) => {
      const device = session.device(partial.device);
      const { writes } = patternKinds(pattern);
      const nsectr = device.geometry?.nsectr ?? 0;
      const nbytes = device.geometry?.nbytes ?? 0;
      const maxSectors = Math.min(maxCommandSectors(device), nsectr);
      const bs =
        values.bs === undefined
          ? Math.min(device.wsOpt || device.wsMin || 1, maxSectors)
          : parseInteger("--bs", values.bs, 1, maxSectors);
      if (writes && device.wsMin > 0 && bs % device.wsMin !== 0) {
        throw CliError.usage(
          `--bs ${bs}: writes need a multiple of ws_min (${device.wsMin}) sectors`,
        );
      }
      const options: BenchOptions = { ...partial, bs };
      const report: ChunkDescriptor[] = [];
      for await (const chunk of session.client.reportChunks(device.name)) report.push(chunk);
      const plans = planBench(device, report, options);
      const data = new Uint8Array(Math.max(bs, maxCommandSectors(device)) * nbytes);
      randomFillSync(data);

      const contexts: ContextHandle[] = [];
      try {
        for (const _ of plans) {
          contexts.push(await session.client.init({ device: device.name, depth: options.qd }));
        }
        const filled = await Promise.all(
          plans.map((plan, i) =>
            prepareReadChunks(
              contexts[i] as ContextHandle,
              device,
              plan.readChunks,
              options.qd,
              data,
            ),
          ),
        );
        const started = performance.now();
        const shared: BenchShared = {
          device,
          options,
          counters: createBenchCounters(),
          latency: new LatencyStats(),
          deviceLatency: new LatencyStats(),
          deadline: durationMs === undefined ? Number.POSITIVE_INFINITY : started + durationMs,
          data,
          failure: undefined,
        };
        const stopProgress =
          io.stderrIsTty && !options.json ? startProgress(io, shared) : undefined;
        try {
          await Promise.all(
            plans.map((plan, i) => runBenchContext(contexts[i] as ContextHandle, plan, shared)),
          );
        } finally {
          stopProgress?.();
        }
        if (shared.failure !== undefined) throw shared.failure;
        const elapsedS = Math.max((performance.now() - started) / 1000, 1e-6);
        const { counters } = shared;
        const result: BenchResult = {
          device: device.name,
          pattern,
          readPct: pattern === "mixed" ? options.readPct : undefined,
          bs,
          bsBytes: bs * nbytes,
          qd: options.qd,
          contexts: options.contexts,
          elapsedS: Math.round(elapsedS * 1e6) / 1e6,
          ops: counters.ops,
          reads: counters.reads,
          writes: counters.writes,
          bytes: counters.bytes,
          iops: counters.ops / elapsedS,
          mbps: counters.bytes / 1e6 / elapsedS,
          latencyUs: shared.latency.summary(),
          deviceLatencyUs: shared.deviceLatency.summary(),
          histogramUs: shared.latency.buckets(),
          preparation: {
            filledSectors: filled.reduce((sum, n) => sum + n, 0),
            resetChunks: counters.resets,
          },
        };
        if (options.json) writeJson(io, result);
        else io.stdout.write(formatBenchResult(result));
      } finally {
        await Promise.allSettled(contexts.map((context) => context.term()));
      }
    });
  },
};
