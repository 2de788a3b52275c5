import { performance } from "node:perf_hooks";
import type { Completion, TargetInput } from "../clients/ts/index.js";
import type { MutableAddress } from "./chunk-region.js";
import type { IoPattern } from "./io-pattern.js";
import { createLatencyHistogram, type LatencyHistogram } from "./latency-histogram.js";

/** What a service loop did; the shape of `BindingLoopResult`. */
export interface ServiceLoopResult {
  readonly ncommands: number;
  readonly errors: number;
  readonly seconds: number;
  readonly exhausted: boolean;
  /** Client-side latency: from the call to its promise resolving, nanoseconds. */
  readonly latency: LatencyHistogram;
  /** What the server reports of each command (Completion.device_latency_ns), nanoseconds. */
  readonly deviceLatency: LatencyHistogram;
}

/**
 * Promise-per-command reads and writes over some transport: a `ContextHandle` (the session) or
 * a `UnaryTransport` (Submit batches and a completion stream).
 */
export interface CommandIssuer {
  read(target: TargetInput): Promise<Completion>;
  write(target: TargetInput, data: Uint8Array): Promise<Completion>;
}

/** One closed-loop run through the TypeScript client. */
export interface ServiceLoopOptions {
  readonly op: "read" | "write";
  readonly pattern: IoPattern;
  /** Commands kept in flight. */
  readonly qd: number;
  /** Stop issuing after this long. */
  readonly seconds: number;
  /** Payload of every write (nsectors × sector bytes); reused. */
  readonly data?: Uint8Array;
}

/**
 * Keeps `qd` reads or writes in flight through `issuer` and issues a new one as each resolves
 * (commands issued in one tick leave together, as one session message or one Submit).
 * Resolves once the time is up and every command has completed; rejects on an RPC error.
 */
export function runServiceLoop(
  issuer: CommandIssuer,
  options: ServiceLoopOptions,
): Promise<ServiceLoopResult> {
  const { op, pattern, qd } = options;
  const data = options.data ?? new Uint8Array(0);
  const start: MutableAddress = { group: 0, punit: 0, chunk: 0, sector: 0 };
  const target = { start, count: pattern.nsectors };
  const latency = createLatencyHistogram();
  const deviceLatency = createLatencyHistogram();
  let inflight = 0;
  let ncommands = 0;
  let errors = 0;
  let stopping = false;
  let exhausted = false;
  let failed = false;
  const t0 = performance.now();
  const deadline = t0 + options.seconds * 1000;

  return new Promise((resolve, reject) => {
    const finish = () => {
      resolve({
        ncommands,
        errors,
        seconds: (performance.now() - t0) / 1000,
        exhausted,
        latency,
        deviceLatency,
      });
    };
    const issue = (): void => {
      if (stopping || performance.now() >= deadline) {
        stopping = true;
        return;
      }
      const chunk = pattern.next(start);
      if (chunk < 0) {
        stopping = true;
        exhausted = true;
        return;
      }
      const issuedAt = performance.now();
      inflight++;
      const call = op === "read" ? issuer.read(target) : issuer.write(target, data);
      call.then(
        (completion: Completion) => {
          inflight--;
          ncommands++;
          if ((completion.status?.code ?? 0) !== 0) errors++;
          latency.recordValue(Math.round((performance.now() - issuedAt) * 1e6));
          deviceLatency.recordValue(Number(completion.deviceLatencyNs));
          pattern.complete(chunk);
          issue();
          if (inflight === 0 && !failed) finish();
        },
        (error: unknown) => {
          inflight--;
          stopping = true;
          if (!failed) {
            failed = true;
            reject(error);
          }
        },
      );
    };
    for (let i = 0; i < qd; i++) issue();
    if (inflight === 0) finish();
  });
}
