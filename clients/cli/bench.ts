import { randomFillSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import { SingleBar } from "cli-progress";
import { choiceOption, integerOption, switchOption, valueOption } from "../../options/index.js";
import type { ChunkDescriptor, ContextHandle } from "../ts/index.js";
import { ClosedLoop, type ClosedLoopResult, LatencyRecorder } from "../ts/load/index.js";
import { type BenchShared, createBenchContextIssuer } from "./bench/bench-context-issuer.js";
import { createBenchCounters } from "./bench/bench-counters.js";
import { BENCH_PATTERNS, type BenchOptions, patternKinds } from "./bench/bench-options.js";
import { planBench } from "./bench/bench-plan.js";
import type { BenchResult } from "./bench/bench-result.js";
import { formatBenchResult } from "./bench/format-bench-result.js";
import { prepareReadChunks } from "./bench/prepare-read-chunks.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { maxCommandSectors } from "./command-plan.js";
import { withDeviceSession } from "./device-session.js";
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
first if needed. Each context owns its own parallel units. Writing erases data on the device.`;

/** Parses `--duration` seconds (a decimal fraction is fine) into milliseconds. */
function parseDurationMs(text: string, source: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0)) {
    throw CliError.usage(`${source}: expected seconds (> 0), got ${JSON.stringify(text)}`);
  }
  return seconds * 1000;
}

const OPTIONS = {
  pattern: choiceOption({
    placeholder: "P",
    choices: BENCH_PATTERNS,
    default: "randread",
    help: "access pattern",
  }),
  "read-pct": integerOption({ default: 70, max: 100, help: "share of reads in mixed" }),
  bs: integerOption({
    min: 1,
    defaultText: "ws_opt",
    help: "sectors per command; a multiple of ws_min when writing, within the device's max_addresses_per_command and max_command_bytes",
  }),
  qd: integerOption({ default: 16, min: 1, max: 4096, help: "commands in flight per context" }),
  contexts: integerOption({
    default: 1,
    min: 1,
    max: 1024,
    help: "contexts, each owning every N-th parallel unit",
  }),
  duration: valueOption({
    placeholder: "S",
    defaultText: `${DEFAULT_DURATION_S} unless --size is given`,
    help: "run for S seconds",
    parse: parseDurationMs,
  }),
  size: valueOption({
    placeholder: "BYTES",
    help: "stop after BYTES of data (suffixes k, m, g: powers of 1024)",
    parse: (text, source) => parseSize(source, text),
  }),
  "read-chunks": integerOption({
    default: 1,
    min: 1,
    help: "chunks per parallel unit that reads use",
  }),
  json: switchOption({ help: "print the result as JSON (and no progress bar)" }),
};

/** A progress bar on stderr (terminal only), redrawn from the live counters until stopped. */
function startProgress(io: CliIo, shared: BenchShared, loop: ClosedLoop): () => void {
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
      ops: loop.ncommands,
      iops: Math.round(loop.ncommands / seconds),
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
      options: OPTIONS,
      positionals: ["<device>"],
    });
    if (!parsed) return;
    const { values } = parsed;
    const { pattern } = values;
    const sizeBytes = values.size;
    const durationMs =
      values.duration ?? (sizeBytes === undefined ? DEFAULT_DURATION_S * 1000 : undefined);
    const partial = {
      device: parsed.positionals[0] ?? "",
      pattern,
      readPct: values["read-pct"],
      qd: values.qd,
      contexts: values.contexts,
      readChunks: values["read-chunks"],
      durationMs,
      sizeBytes,
      json: values.json === true,
    };
    await withDeviceSession(parsed.server, partial.device, async (session, device) => {
      const { writes } = patternKinds(pattern);
      const nsectr = device.geometry?.nsectr ?? 0;
      const nbytes = device.geometry?.nbytes ?? 0;
      const maxSectors = Math.min(maxCommandSectors(device), nsectr);
      const bs =
        values.bs === undefined
          ? Math.min(device.wsOpt || device.wsMin || 1, maxSectors)
          : parseInteger("--bs", String(values.bs), 1, maxSectors);
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
        const shared: BenchShared = {
          device,
          options,
          counters: createBenchCounters(),
          deviceLatency: new LatencyRecorder(),
          data,
        };
        // Slots [k × qd, (k + 1) × qd) are context k's.
        const issuers = plans.map((plan, i) =>
          createBenchContextIssuer(contexts[i] as ContextHandle, plan, shared),
        );
        const loop = new ClosedLoop(options.qd * plans.length, (slot, loop) => {
          const issue = issuers[Math.floor(slot / options.qd)];
          return issue === undefined ? false : issue(slot, loop);
        });
        const stopProgress =
          io.stderrIsTty && !options.json ? startProgress(io, shared, loop) : undefined;
        let run: ClosedLoopResult;
        try {
          run = await loop.run(durationMs === undefined ? undefined : durationMs / 1000);
        } finally {
          stopProgress?.();
        }
        const elapsedS = Math.max(run.seconds, 1e-6);
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
          ops: run.ncommands,
          reads: counters.reads,
          writes: counters.writes,
          bytes: counters.bytes,
          iops: run.ncommands / elapsedS,
          mbps: counters.bytes / 1e6 / elapsedS,
          latencyUs: run.latency.summaryUs(),
          deviceLatencyUs: shared.deviceLatency.summaryUs(),
          histogramUs: run.latency.bucketsUs(),
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
