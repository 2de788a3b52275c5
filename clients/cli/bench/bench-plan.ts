import { type ChunkDescriptor, ChunkState, type Device } from "../../ts/index.js";
import { CliError } from "../cli-error.js";
import { BenchChunk } from "./bench-chunk.js";
import { type BenchOptions, patternKinds } from "./bench-options.js";

/** The chunks one context works on: each PU it owns, with its read and write chunks. */
export interface ContextPlan {
  /** Per PU, the chunks reads use (filled before the run if not fully written). */
  readonly readChunks: readonly BenchChunk[];
  /** Per PU, the chunks writes cycle through, in chunk order. */
  readonly writeChunksByPu: readonly (readonly BenchChunk[])[];
}

/** Order of preference for read chunks: already written first, then the fullest. */
function readPreference(chunk: BenchChunk): number {
  if (chunk.written) return 0;
  if (chunk.state === ChunkState.CLOSED) return 3; // closed early: part of it is unreadable
  return chunk.state === ChunkState.OPEN ? 1 : 2;
}

/**
 * Divides the device between contexts so no two contexts touch one chunk: context k owns the
 * parallel units whose flat index is k modulo the number of contexts. Within each PU the first
 * `readChunks` chunks by preference (fully written ones first) serve reads, and the others (all
 * of them for write-only patterns) serve writes. Offline chunks are left out.
 */
export function planBench(
  device: Device,
  report: readonly ChunkDescriptor[],
  options: BenchOptions,
): ContextPlan[] {
  const npunit = device.geometry?.npunit ?? 0;
  const npu = (device.geometry?.npugrp ?? 0) * npunit;
  if (options.contexts > npu) {
    throw CliError.usage(
      `--contexts ${options.contexts}: the device has only ${npu} parallel units (one context per PU at most)`,
    );
  }
  const byPu: BenchChunk[][] = Array.from({ length: npu }, () => []);
  for (const descriptor of report) {
    if (descriptor.state === ChunkState.OFFLINE) continue;
    byPu[descriptor.group * npunit + descriptor.punit]?.push(new BenchChunk(descriptor));
  }
  const { reads, writes } = patternKinds(options.pattern);
  const plans = Array.from({ length: options.contexts }, () => ({
    readChunks: [] as BenchChunk[],
    writeChunksByPu: [] as BenchChunk[][],
  }));
  for (const [pu, chunks] of byPu.entries()) {
    const plan = plans[pu % options.contexts];
    if (!plan || chunks.length === 0) continue;
    const forReads = reads
      ? [...chunks]
          .sort((a, b) => readPreference(a) - readPreference(b) || b.wp - a.wp || a.chunk - b.chunk)
          .filter((c) => readPreference(c) < 3)
          .slice(0, options.readChunks)
      : [];
    plan.readChunks.push(...forReads);
    const rest = chunks.filter((c) => !forReads.includes(c));
    if (writes && rest.length > 0) plan.writeChunksByPu.push(rest);
  }
  if (reads && plans.some((p) => p.readChunks.length === 0)) {
    throw CliError.failure(
      "bench: a context has no chunk to read from (all offline or closed early)",
    );
  }
  if (writes && plans.some((p) => p.writeChunksByPu.length === 0)) {
    throw CliError.usage(
      `bench: no chunk left to write in (nchunk ${device.geometry?.nchunk}, --read-chunks ${options.readChunks})`,
    );
  }
  return plans;
}
