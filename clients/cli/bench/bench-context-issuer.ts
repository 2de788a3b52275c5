import { performance } from "node:perf_hooks";
import type { Completion, ContextHandle, Device } from "../../ts/index.js";
import type { ClosedLoop, IssueCommand, LatencyRecorder } from "../../ts/load/index.js";
import { completionFailure } from "../completion-failure.js";
import { succeeded } from "../format-status.js";
import { formatSpan, type SectorSpan } from "../sector-span.js";
import type { BenchChunk } from "./bench-chunk.js";
import type { BenchCounters } from "./bench-counters.js";
import type { BenchOptions } from "./bench-options.js";
import type { ContextPlan } from "./bench-plan.js";
import { WriteCursor } from "./write-cursor.js";

/** What every context of one run shares. */
export interface BenchShared {
  readonly device: Device;
  readonly options: BenchOptions;
  readonly counters: BenchCounters;
  /** Device latency the server reports for each read or write. */
  readonly deviceLatency: LatencyRecorder;
  /** Data written by every write (bs × nbytes bytes at least). */
  readonly data: Uint8Array;
}

/** A uniformly random integer in [0, n). */
function randomBelow(n: number): number {
  return Math.floor(Math.random() * n);
}

/**
 * The commands of one context, for a `ClosedLoop` (its slots of this context each keep one
 * command in flight); the loop measures time and ops, the issuer the rest of the counters,
 * and returns false once the `--size` budget is handed out.
 *
 * - `read` walks the read chunks bs sectors at a time, around and around; `randread` picks a
 *   random read chunk and a random bs-aligned offset in it.
 * - `write` walks all of the context's write chunks in order through one cursor; `randwrite`
 *   picks a random PU and writes at its cursor. Either way each write goes to a chunk's write
 *   pointer, and a closed chunk is reset (erase, not counted as an op) before it is reused:
 *   the slot waits for the reset, then issues again.
 * - `mixed` does a `randread` with probability readPct %, a `randwrite` otherwise.
 *
 * A command with a failure status, or a failed erase, fails the loop with a failure naming it.
 */
export function createBenchContextIssuer(
  context: ContextHandle,
  plan: ContextPlan,
  shared: BenchShared,
): IssueCommand {
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

  /** Sends one read or one write of `span` (into `chunk`, for a write) from `slot`. */
  const send = (
    slot: number,
    loop: ClosedLoop,
    span: SectorSpan,
    chunk: BenchChunk | undefined,
  ): void => {
    const length = span.count * nbytes;
    counters.issuedBytes += length;
    chunk?.begin();
    const started = performance.now();
    const target = { start: span, count: span.count };
    const call: Promise<Completion> =
      chunk === undefined
        ? context.read(target)
        : context.write(target, shared.data.subarray(0, length));
    call.then(
      (completion) => {
        chunk?.end();
        shared.deviceLatency.recordNs(Number(completion.deviceLatencyNs));
        if (!succeeded(completion)) {
          const what = chunk === undefined ? "read" : "write";
          loop.fail(
            slot,
            completionFailure(`bench: ${what}`, [{ target: formatSpan(span), completion }]),
          );
          return;
        }
        counters.bytes += length;
        if (chunk === undefined) counters.reads++;
        else counters.writes++;
        loop.complete(slot, false, Math.round((performance.now() - started) * 1e6));
      },
      (error: unknown) => {
        chunk?.end();
        loop.fail(slot, error);
      },
    );
  };

  const issue: IssueCommand = (slot, loop) => {
    if (options.sizeBytes !== undefined && counters.issuedBytes >= options.sizeBytes) return false;
    const isRead =
      options.pattern === "read" ||
      options.pattern === "randread" ||
      (options.pattern === "mixed" && Math.random() * 100 < options.readPct);
    if (isRead) {
      send(slot, loop, nextRead(), undefined);
      return true;
    }
    const cursor = sequentialCursor ?? (puCursors[randomBelow(puCursors.length)] as WriteCursor);
    const place = cursor.next(options.bs);
    if (place instanceof Promise) {
      place.then(
        () => {
          if (loop.stopping) return loop.release(slot);
          if (issue(slot, loop)) return;
          loop.stop();
          loop.release(slot);
        },
        (error: unknown) => loop.fail(slot, error),
      );
      return true;
    }
    const span = { ...chunkAddress(place.chunk), sector: place.sector, count: place.count };
    send(slot, loop, span, place.chunk);
    return true;
  };
  return issue;
}

function chunkAddress(chunk: BenchChunk): { group: number; punit: number; chunk: number } {
  return { group: chunk.group, punit: chunk.punit, chunk: chunk.chunk };
}
