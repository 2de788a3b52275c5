import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
import { createLnvmClient } from "../../clients/ts/index.js";
import {
  InitRequestSchema,
  InitResponseSchema,
  TermRequestSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { createModelImage, type ModelImageOptions } from "../../native/binding/index.js";
import { checkCanaries, writeCanaries } from "../helpers/canary-chunks.js";
import { startRunnerServer } from "../helpers/lnvmd-process.js";
import { Prng } from "../helpers/prng.js";
import { commandsTouchCanary } from "./canary-filter.js";
import type { FuzzEnv, FuzzTarget } from "./fuzz-target.js";
import { FUZZ_TARGETS } from "./fuzz-targets.js";
import { type CallOutcome, RpcInvoker } from "./invoke-rpc.js";
import { mutateRequest } from "./mutate-request.js";
import { flood, pickFlood, randomRequest } from "./raw-request.js";
import { RssSampler } from "./rss-sampler.js";
import { type ProbeSummary, StallProbe } from "./stall-probe.js";

/** The fuzzed device: four units of 16 small chunks; the last unit holds the canaries. */
export const FUZZ_GEOMETRY = {
  npugrp: 1,
  npunit: 4,
  nchunk: 16,
  nsectr: 64,
  nbytes: 4096,
  nbytesOob: 16,
  wsMin: 4,
  wsOpt: 8,
  mwCunits: 4,
  mccap: 0x3,
} as const satisfies ModelImageOptions;

const CANARY_PUNIT = FUZZ_GEOMETRY.npunit - 1;
/** Long-lived contexts structured I/O requests name. */
const LIVE_CONTEXTS = 4;
const LIVE_CONTEXT_DEPTH = 64;
/** Contexts the server may hold: fuzzed Inits hit the limit and get RESOURCE_EXHAUSTED. */
const MAX_CONTEXTS = 48;
/** Failures kept in full in the report. */
const KEPT_FAILURES = 20;
/**
 * A call answered this long after its deadline did not get its answer within it. The margin
 * is the fuzzer's own event loop being late on a loaded machine, not the server's.
 */
const DEADLINE_GRACE_MS = 5000;
/** Settling time after the run before RSS is read "after", milliseconds. */
const SETTLE_MS = 2000;
/** The brief's flood: 16 MiB of `12 00` (framing leaves 64 bytes of the 16 MiB). */
const BIG_FLOOD_NBYTES = 16 * 1024 * 1024 - 64;

/** Options of one fuzz run. */
export interface FuzzOptions {
  /** Requests per RPC, floods included. */
  readonly requestsPerRpc: number;
  readonly seed: number;
  /** Calls in flight at once. @default 32 */
  readonly concurrency?: number;
  /** Floods per RPC (each up to the receive limit). @default requestsPerRpc / 1000, at least 1 */
  readonly floodsPerRpc?: number;
  /** Deadline of every fuzzed call. @default 10 s */
  readonly deadlineMs?: number;
  /** Extra server flags, e.g. `--max-request-bytes 16777216`. */
  readonly serverFlags?: readonly string[];
  /** @default every RPC of the API */
  readonly targets?: readonly FuzzTarget[];
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** One call that did not get a defined answer in time. */
export interface FuzzFailure {
  readonly rpc: string;
  readonly input: "structured" | "raw" | "flood";
  readonly code: string;
  readonly details: string;
  readonly elapsedMs: number;
  /** Size of the request, bytes. */
  readonly requestNbytes: number;
  /** When the call started, milliseconds into the run. */
  readonly startMs: number;
  /** The request, hex, up to 256 bytes. */
  readonly requestHex: string;
}

/** What a run found. */
export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly durationMs: number;
  /** Per RPC: status code name → calls. */
  readonly statuses: Record<string, Record<string, number>>;
  readonly failureCount: number;
  readonly failures: readonly FuzzFailure[];
  /** Structured Submits regenerated because they would have written a canary. */
  readonly canarySkips: number;
  readonly canaryProblems: readonly string[];
  readonly serverAlive: boolean;
  /** Server RSS, MiB: before any request, peak and after the 16 MiB floods, peak and after the run. */
  readonly rssMiB: {
    readonly before: number;
    readonly floodPeak: number;
    readonly afterFlood: number;
    readonly peak: number;
    readonly after: number;
  };
  /** Another client's ListDevices round trips while the fuzz ran. */
  readonly probe: ProbeSummary;
}

/** Names of the closed ErrorReason enum, as ErrorInfo carries them. */
const REASONS = new Set(Object.keys(ErrorReason).filter((k) => Number.isNaN(Number(k))));

/** Why `outcome` is not a defined answer, or undefined if it is. */
function undefinedAnswer(
  target: FuzzTarget,
  request: Uint8Array,
  outcome: CallOutcome,
  deadlineMs: number,
): string | undefined {
  if (outcome.elapsedMs > deadlineMs + DEADLINE_GRACE_MS) return "answered after its deadline";
  switch (outcome.code) {
    case status.OK:
      return undefined;
    case status.CANCELLED:
      return outcome.cancelledByFuzzer ? undefined : "cancelled by nobody";
    case status.DEADLINE_EXCEEDED:
      return target.mayWait?.(request) ? undefined : "outlived its deadline";
    case status.RESOURCE_EXHAUSTED:
      // grpc-js refuses an oversized message from its length prefix, without details.
      if (outcome.details.startsWith("Received message larger than max")) return undefined;
      break;
    case status.INVALID_ARGUMENT:
    case status.NOT_FOUND:
    case status.FAILED_PRECONDITION:
      break;
    default:
      return `status ${status[outcome.code]}`;
  }
  if (outcome.reason === undefined || !REASONS.has(outcome.reason)) {
    return `no google.rpc.Status with a known ErrorInfo reason (${outcome.reason})`;
  }
  return undefined;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 256)).toString("hex");
}

/**
 * Runs the fuzz: starts a real server process over a fresh image, writes canary chunks, sends
 * the 16 MiB floods while sampling RSS, then `requestsPerRpc` requests to every target, half
 * structured (mutated well-formed requests with extreme values), half raw (random bytes and a
 * few floods), interleaved, `concurrency` at a time, while another client probes the event loop.
 * Passing means: `failureCount` 0, `serverAlive`, no `canaryProblems`.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const targets = options.targets ?? FUZZ_TARGETS;
  const concurrency = options.concurrency ?? 32;
  const deadlineMs = options.deadlineMs ?? 10_000;
  const floodsPerRpc =
    options.floodsPerRpc ?? Math.max(1, Math.floor(options.requestsPerRpc / 1000));
  const log = options.log ?? (() => {});
  const rng = new Prng(options.seed);
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-fuzz-"));
  const image = join(dir, "fuzz.img");
  await createModelImage(image, FUZZ_GEOMETRY);
  const server = await startRunnerServer([
    "--device",
    image,
    "--max-contexts",
    String(MAX_CONTEXTS),
    "--log-level",
    "warn",
    ...(options.serverFlags ?? []),
  ]);
  const client = createLnvmClient(server.address);
  const invoker = new RpcInvoker(server.address);
  const probe = new StallProbe(server.address);
  const rss = new RssSampler(() => server.rssMiB());
  try {
    const [device] = await client.devices();
    if (!device) throw new Error("the server has no device");
    const geometry = { ...FUZZ_GEOMETRY };
    log(`server ${server.child.pid} on ${server.address}: writing canaries`);
    const canaries = await writeCanaries(client, device.name, geometry, CANARY_PUNIT, options.seed);
    const contexts: string[] = [];
    for (let i = 0; i < LIVE_CONTEXTS; i++) {
      const init = await invoker.invoke(
        "unary",
        "/lightnvm.v1.AsyncContextService/Init",
        [
          toBinary(
            InitRequestSchema,
            create(InitRequestSchema, { device: device.name, depth: LIVE_CONTEXT_DEPTH }),
          ),
        ],
        deadlineMs,
      );
      const id = init.responses[0] && fromBinary(InitResponseSchema, init.responses[0]).context?.id;
      if (!id) throw new Error(`Init failed: ${init.details}`);
      contexts.push(id);
    }
    const env: FuzzEnv = {
      device: device.name,
      geometry,
      wsMin: FUZZ_GEOMETRY.wsMin,
      maxDepth: 4096,
      contexts,
      disposable: [],
      punits: Array.from({ length: CANARY_PUNIT }, (_, i) => i),
    };
    log("canaries written, contexts open: flooding");
    const maxRequestBytes = await serverRequestLimit(options.serverFlags ?? []);
    probe.start();
    rss.start();
    const before = rss.sampleNow();

    // The floods of the report: 16 MiB of `12 00` on GetDevice and Submit, four of each at once.
    const bigFlood = flood("empty-len-fields", BIG_FLOOD_NBYTES);
    await Promise.all(
      ["/lightnvm.v1.DeviceService/GetDevice", "/lightnvm.v1.AsyncContextService/Submit"].flatMap(
        (path) => [0, 1, 2, 3].map(() => invoker.invoke("unary", path, [bigFlood], deadlineMs)),
      ),
    );
    const floodPeak = rss.peak();
    const afterFlood = await rss.settle(SETTLE_MS);
    log(
      `floods: RSS ${before.toFixed(0)} → peak ${floodPeak.toFixed(0)} → ${afterFlood.toFixed(0)} MiB`,
    );
    rss.resetPeak();

    const statuses: Record<string, Record<string, number>> = {};
    const failures: FuzzFailure[] = [];
    let failureCount = 0;
    let canarySkips = 0;
    const total = options.requestsPerRpc * targets.length;
    const floodEvery = Math.max(1, Math.floor(options.requestsPerRpc / floodsPerRpc));
    let next = 0;
    let done = 0;
    const start = performance.now();

    const build = (
      target: FuzzTarget,
      index: number,
      round: number,
    ): { input: FuzzFailure["input"]; messages: Uint8Array[] } => {
      // Each target floods in rounds of its own: ten floods of the receive limit sent at once
      // would measure the connection's flow-control window, not the server.
      if (round % floodEvery === Math.floor((index * floodEvery) / targets.length)) {
        const nbytes = rng.chance(0.25) ? BIG_FLOOD_NBYTES : maxRequestBytes - 64;
        return { input: "flood", messages: [flood(pickFlood(rng), nbytes)] };
      }
      if (rng.chance(0.5))
        return {
          input: "raw",
          messages:
            target.kind === "bidi"
              ? [randomRequest(rng), randomRequest(rng)]
              : [randomRequest(rng)],
        };
      for (let attempt = 0; ; attempt++) {
        const seed = target.seed(env, rng);
        const other = target.seed(env, rng)[0] ?? new Uint8Array(0);
        const messages = seed.map((m) => (rng.chance(0.5) ? mutateRequest(rng, m, other) : m));
        const touches = messages.some((m) => commandsTouchCanary(m, target.request, canaries));
        if (!touches) return { input: "structured", messages };
        canarySkips++;
        if (attempt >= 8) return { input: "raw", messages: [randomRequest(rng)] };
      }
    };

    const worker = async () => {
      for (;;) {
        const k = next++;
        if (k >= total) return;
        const target = targets[k % targets.length] as FuzzTarget;
        const { input, messages } = build(
          target,
          k % targets.length,
          Math.floor(k / targets.length),
        );
        const startMs = Math.round(performance.now() - start);
        const outcome = await invoker.invoke(target.kind, target.path, messages, deadlineMs);
        const counts = statuses[target.name] ?? {};
        statuses[target.name] = counts;
        const name = status[outcome.code] ?? String(outcome.code);
        counts[name] = (counts[name] ?? 0) + 1;
        if (outcome.code === status.OK) {
          for (const response of outcome.responses) target.onResponse?.(env, response);
        }
        const request = messages[0] ?? new Uint8Array(0);
        const why = undefinedAnswer(target, request, outcome, deadlineMs);
        if (why) {
          failureCount++;
          if (failures.length < KEPT_FAILURES) {
            failures.push({
              rpc: target.name,
              input,
              code: name,
              details: `${why}: ${outcome.details}`,
              elapsedMs: Math.round(outcome.elapsedMs),
              requestNbytes: request.byteLength,
              startMs,
              requestHex: hex(request),
            });
          }
        }
        done++;
        if (done % 5000 === 0) {
          log(
            `${done}/${total} requests, ${failureCount} failures, RSS ${rss.last().toFixed(0)} MiB`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const durationMs = performance.now() - start;

    for (const id of [...env.disposable, ...contexts]) {
      await invoker.invoke(
        "unary",
        "/lightnvm.v1.AsyncContextService/Term",
        [toBinary(TermRequestSchema, create(TermRequestSchema, { contextId: id }))],
        deadlineMs,
      );
    }
    const peak = rss.peak();
    const after = await rss.settle(SETTLE_MS);
    await probe.stop();
    const canaryProblems = await checkCanaries(client, device.name, geometry, canaries);
    const serverAlive =
      server.alive &&
      (await client.devices().then(
        () => true,
        () => false,
      ));
    return {
      seed: options.seed,
      requests: done,
      durationMs,
      statuses,
      failureCount,
      failures,
      canarySkips,
      canaryProblems,
      serverAlive,
      rssMiB: { before, floodPeak, afterFlood, peak, after },
      probe: probe.summary(),
    };
  } finally {
    rss.stop();
    await probe.stop();
    invoker.close();
    client.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The receive limit the server runs with, from the same configuration code it uses. */
async function serverRequestLimit(flags: readonly string[]): Promise<number> {
  const { loadConfig } = await import("../../service/config.js");
  const config = loadConfig(["--listen", "127.0.0.1:0", ...flags], {});
  if (!config) throw new Error("unexpected --help");
  return config.maxRequestBytes;
}
