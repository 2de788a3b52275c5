import { performance } from "node:perf_hooks";
import type { Completion, TargetInput } from "../clients/ts/index.js";
import { ClosedLoop, type ClosedLoopResult, LatencyRecorder } from "../clients/ts/load/index.js";
import type { MutableAddress } from "./chunk-region.js";
import type { IoPattern } from "./io-pattern.js";

/** What a service loop did: the closed loop's figures (client-side latency) and the device's. */
export interface ServiceLoopResult extends ClosedLoopResult {
  /** What the server reports of each command (Completion.device_latency_ns). */
  readonly deviceLatency: LatencyRecorder;
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
  /** Payload of every write (nsectors × sector bytes); reused. */
  readonly data?: Uint8Array;
}

/** A closed loop over `issuer`, not started, and the device latencies it will record. */
export interface ServiceLoop {
  readonly loop: ClosedLoop;
  readonly deviceLatency: LatencyRecorder;
}

/**
 * A closed loop keeping `qd` reads or writes in flight through `issuer`, issuing a new one as
 * each resolves (commands issued in one tick leave together, as one session message or one
 * Submit). Client-side latency runs from the call to its promise resolving; an RPC error fails
 * the loop.
 */
export function createServiceLoop(issuer: CommandIssuer, options: ServiceLoopOptions): ServiceLoop {
  const { op, pattern, qd } = options;
  const data = options.data ?? new Uint8Array(0);
  const start: MutableAddress = { group: 0, punit: 0, chunk: 0, sector: 0 };
  const target = { start, count: pattern.nsectors };
  const deviceLatency = new LatencyRecorder();
  const loop = new ClosedLoop(qd, (slot, loop) => {
    const chunk = pattern.next(start);
    if (chunk < 0) return false;
    const issuedAt = performance.now();
    const call = op === "read" ? issuer.read(target) : issuer.write(target, data);
    call.then(
      (completion: Completion) => {
        deviceLatency.recordNs(Number(completion.deviceLatencyNs));
        pattern.complete(chunk);
        const failed = (completion.status?.code ?? 0) !== 0;
        loop.complete(slot, failed, Math.round((performance.now() - issuedAt) * 1e6));
      },
      (error: unknown) => loop.fail(slot, error),
    );
    return true;
  });
  return { loop, deviceLatency };
}

/**
 * Runs `createServiceLoop(issuer, options)` for `seconds`; resolves once every command has
 * completed, rejects on an RPC error.
 */
export async function runServiceLoop(
  issuer: CommandIssuer,
  options: ServiceLoopOptions & { readonly seconds: number },
): Promise<ServiceLoopResult> {
  const { loop, deviceLatency } = createServiceLoop(issuer, options);
  return { ...(await loop.run(options.seconds)), deviceLatency };
}
