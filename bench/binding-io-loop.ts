import { performance } from "node:perf_hooks";
import { ClosedLoop, type ClosedLoopResult } from "../clients/ts/load/index.js";
import {
  type CommandTarget,
  NvmAsyncContext,
  type NvmDevice,
  yieldCpu,
} from "../native/binding/index.js";
import type { MutableAddress } from "./chunk-region.js";
import type { IoPattern } from "./io-pattern.js";

/** What a binding loop did; its latency is submission to reap, from the binding. */
export type BindingLoopResult = ClosedLoopResult;

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
 * completion callback hands each command back to the `ClosedLoop`, which resubmits from its
 * slot. Buffers and target objects are allocated once per slot, so the hot path allocates
 * nothing. Blocks the event loop for the whole run (a benchmark, not a server).
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
  const issue = (slot: number): boolean => {
    const chunk = pattern.next(starts[slot] as MutableAddress);
    if (chunk < 0) return false;
    chunks[slot] = chunk;
    const target = targets[slot] as CommandTarget;
    const buffer = buffers[slot] as (typeof buffers)[number];
    if (op === "read") context.read(slot, target, buffer);
    else context.write(slot, target, buffer);
    return true;
  };
  const loop = new ClosedLoop(qd, issue);
  const context: NvmAsyncContext<number> = NvmAsyncContext.init<number>(
    device,
    qd,
    (slot, status, _result, latencyNs) => {
      pattern.complete(chunks[slot] as number);
      loop.complete(slot, status.code !== 0, latencyNs);
    },
  );

  const deadline =
    options.seconds > 0 ? performance.now() + options.seconds * 1000 : Number.POSITIVE_INFINITY;
  try {
    loop.start();
    while (loop.inflight > 0) {
      if (context.poke(0) === 0) yieldCpu();
      if (!loop.stopping && performance.now() >= deadline) loop.stop();
    }
  } finally {
    if (loop.inflight > 0) context.wait();
    context.term();
    for (const buffer of buffers) buffer.free();
  }
  return loop.result();
}
