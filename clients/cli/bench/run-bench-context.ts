import { performance } from "node:perf_hooks";
import type { Completion, ContextHandle, Device } from "../../ts/index.js";
import { completionFailure } from "../completion-failure.js";
import { succeeded } from "../format-status.js";
import { formatSpan, type SectorSpan } from "../sector-span.js";
import type { BenchChunk } from "./bench-chunk.js";
import type { BenchCounters } from "./bench-counters.js";
import type { BenchOptions } from "./bench-options.js";
import type { ContextPlan } from "./bench-plan.js";
import type { LatencyStats } from "./latency-stats.js";
import { WriteCursor } from "./write-cursor.js";

/** What every context of one run shares. */
export interface BenchShared {
  readonly device: Device;
  readonly options: BenchOptions;
  readonly counters: BenchCounters;
  /** Client-observed latency of each read or write, µs. */
  readonly latency: LatencyStats;
  /** Device latency the server reports for each read or write, µs. */
  readonly deviceLatency: LatencyStats;
  /** `performance.now()` after which no new command starts; Infinity without a duration. */
  readonly deadline: number;
  /** Data written by every write (bs × nbytes bytes at least). */
  readonly data: Uint8Array;
  /** Set on the first failure: every context stops issuing and the run rethrows it. */
  failure: unknown;
}

/** A uniformly random integer in [0, n). */
function randomBelow(n: number): number {
  return Math.floor(Math.random() * n);
}

/**
 * Runs the load of one context: `qd` loops, each issuing one command at a time (so at most `qd`
 * are in flight) until the deadline passes, the size budget is spent, or any context fails.
 *
 * - `read` walks the read chunks bs sectors at a time, around and around; `randread` picks a
 *   random read chunk and a random bs-aligned offset in it.
 * - `write` walks all of the context's write chunks in order through one cursor; `randwrite`
 *   picks a random PU and writes at its cursor. Either way each write goes to a chunk's write
 *   pointer, and a closed chunk is reset (erase, not counted as an op) before it is reused.
 * - `mixed` does a `randread` with probability readPct %, a `randwrite` otherwise.
 */
export async function runBenchContext(
  context: ContextHandle,
  plan: ContextPlan,
  shared: BenchShared,
): Promise<void> {
  const { device, options, counters } = shared;
  const nbytes = device.geometry?.nbytes ?? 0;
  const reset = async (chunk: BenchChunk) => {
    await chunk.idle();
    chunk.begin();
    const completion = await context
      .erase([{ ...chunkAddress(chunk), sector: 0 }])
      .finally(() => chunk.end());
    if (!succeeded(completion)) {
      throw completionFailure("bench: erase", [{ target: String(chunk), completion }]);
    }
    chunk.markReset();
    counters.resets++;
  };
  const sequentialCursor =
    options.pattern === "write" ? new WriteCursor(plan.writeChunksByPu.flat(), reset) : undefined;
  const puCursors = plan.writeChunksByPu.map((chunks) => new WriteCursor(chunks, reset));
  let readChunk = 0;
  let readOffset = 0;

  const nextRead = (): SectorSpan => {
    const chunks = plan.readChunks;
    if (options.pattern === "read") {
      let chunk = chunks[readChunk % chunks.length] as BenchChunk;
      if (readOffset + options.bs > chunk.wp) {
        readChunk = (readChunk + 1) % chunks.length;
        readOffset = 0;
        chunk = chunks[readChunk] as BenchChunk;
      }
      const sector = readOffset;
      readOffset += options.bs;
      return { ...chunkAddress(chunk), sector, count: options.bs };
    }
    const chunk = chunks[randomBelow(chunks.length)] as BenchChunk;
    const slots = Math.floor(chunk.wp / options.bs);
    return { ...chunkAddress(chunk), sector: randomBelow(slots) * options.bs, count: options.bs };
  };

  const moreToDo = () =>
    shared.failure === undefined &&
    performance.now() < shared.deadline &&
    (options.sizeBytes === undefined || counters.issuedBytes < options.sizeBytes);

  const loop = async () => {
    while (moreToDo()) {
      const isRead =
        options.pattern === "read" ||
        options.pattern === "randread" ||
        (options.pattern === "mixed" && Math.random() * 100 < options.readPct);
      let span: SectorSpan;
      let chunk: BenchChunk | undefined;
      if (isRead) {
        span = nextRead();
      } else {
        const cursor =
          sequentialCursor ?? (puCursors[randomBelow(puCursors.length)] as WriteCursor);
        const place = cursor.next(options.bs);
        if (place instanceof Promise) {
          await place;
          continue;
        }
        chunk = place.chunk;
        span = { ...chunkAddress(place.chunk), sector: place.sector, count: place.count };
      }
      const length = span.count * nbytes;
      counters.issuedBytes += length;
      chunk?.begin();
      const started = performance.now();
      let completion: Completion;
      try {
        completion = isRead
          ? await context.read({ start: span, count: span.count })
          : await context.write(
              { start: span, count: span.count },
              shared.data.subarray(0, length),
            );
      } finally {
        chunk?.end();
      }
      shared.latency.record((performance.now() - started) * 1000);
      shared.deviceLatency.record(Number(completion.deviceLatencyNs) / 1000);
      if (!succeeded(completion)) {
        throw completionFailure(`bench: ${isRead ? "read" : "write"}`, [
          { target: formatSpan(span), completion },
        ]);
      }
      counters.ops++;
      counters.bytes += length;
      if (isRead) counters.reads++;
      else counters.writes++;
    }
  };
  await Promise.all(
    Array.from({ length: options.qd }, () =>
      loop().catch((error: unknown) => {
        shared.failure ??= error;
      }),
    ),
  );
}

function chunkAddress(chunk: BenchChunk): { group: number; punit: number; chunk: number } {
  return { group: chunk.group, punit: chunk.punit, chunk: chunk.chunk };
}
