import { performance } from "node:perf_hooks";
import {
  type CommandTarget,
  NvmAsyncContext,
  type NvmDevice,
  yieldCpu,
} from "../native/binding/index.js";
import type { MutableAddress } from "./chunk-region.js";
import type { IoPattern } from "./io-pattern.js";
import { createLatencyHistogram, type LatencyHistogram } from "./latency-histogram.js";

/** What a binding loop did. */
export interface BindingLoopResult {
  /** Commands completed. */
  readonly ncommands: number;
  /** Commands that completed with a nonzero status. */
  readonly errors: number;
  /** From the first submission until the last completion, seconds. */
  readonly seconds: number;
  /** Whether the pattern ran out of room before the time was up. */
  readonly exhausted: boolean;
  /** Submission-to-reap latency of every command, nanoseconds (from the binding). */
  readonly latency: LatencyHistogram;
}

/** One closed-loop run through the binding. */
export interface BindingLoopOptions {
  readonly op: "read" | "write";
  readonly pattern: IoPattern;
  /** Commands kept in flight (also the context depth). */
  readonly qd: number;
  /** Stop issuing after this long; 0 = until the pattern is exhausted. */
  readonly seconds: number;
}

/**
 * Keeps `qd` commands in flight on a fresh context of depth `qd` and spins on `poke(0)`,
 * yielding the CPU (`sched_yield`) after a poke that reaped nothing, like abi-bench; the
 * completion sink resubmits from the same slot. Buffers and target objects are allocated once
 * per slot, so the hot path allocates nothing. Blocks the event loop for the whole run (a
 * benchmark, not a server).
 */
export function runBindingLoop(device: NvmDevice, options: BindingLoopOptions): BindingLoopResult {
  const { op, pattern, qd } = options;
  const nbytes = pattern.nsectors * device.geometry.nbytes;
  const buffers = Array.from({ length: qd }, (_, i) => {
    const buffer = device.allocBuffer(nbytes);
    buffer.bytes.fill(i + 1);
    return buffer;
  });
  const chunks = new Int32Array(qd);
  const starts: MutableAddress[] = Array.from({ length: qd }, () => ({
    group: 0,
    punit: 0,
    chunk: 0,
    sector: 0,
  }));
  const targets: CommandTarget[] = starts.map((start) => ({
    mode: "scalar",
    start,
    count: pattern.nsectors,
  }));
  const latency = createLatencyHistogram();
  let inflight = 0;
  let ncommands = 0;
  let errors = 0;
  let stopping = false;
  let exhausted = false;

  const issue = (slot: number): void => {
    if (stopping) return;
    const chunk = pattern.next(starts[slot] as MutableAddress);
    if (chunk < 0) {
      stopping = true;
      exhausted = true;
      return;
    }
    chunks[slot] = chunk;
    const target = targets[slot] as CommandTarget;
    const buffer = buffers[slot] as (typeof buffers)[number];
    if (op === "read") context.read(slot, target, buffer);
    else context.write(slot, target, buffer);
    inflight++;
  };
  const context: NvmAsyncContext<number> = NvmAsyncContext.init<number>(
    device,
    qd,
    (slot, status, _result, latencyNs) => {
      inflight--;
      ncommands++;
      if (status.code !== 0) errors++;
      latency.recordValue(latencyNs);
      pattern.complete(chunks[slot] as number);
      issue(slot);
    },
  );

  const t0 = performance.now();
  const deadline = options.seconds > 0 ? t0 + options.seconds * 1000 : Number.POSITIVE_INFINITY;
  try {
    for (let slot = 0; slot < qd; slot++) issue(slot);
    while (inflight > 0) {
      if (context.poke(0) === 0) yieldCpu();
      if (!stopping && performance.now() >= deadline) stopping = true;
    }
  } finally {
    if (inflight > 0) context.wait();
    context.term();
    for (const buffer of buffers) buffer.free();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { ncommands, errors, seconds, exhausted, latency };
}
