import { create } from "@bufbuild/protobuf";
import { ChunkState } from "../../gen/ts/lightnvm/v1/device_pb.js";
import {
  type DeviceStats,
  type GetStatsResponse,
  GetStatsResponseSchema,
  type IoStats,
  IoStatsSchema,
  type LatencyHistogram as LatencyHistogramMessage,
  type PrincipalStats as PrincipalStatsMessage,
  PrincipalStatsSchema,
} from "../../gen/ts/lightnvm/v1/stats_pb.js";
import { statusName } from "../../native/binding/index.js";
import type { Principal } from "../auth/principal.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import type { ServedContext } from "../contexts/served-context.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import type { ServedDevice } from "../devices/served-device.js";
import type { GrpcCallCounter } from "./grpc-call-counter.js";
import { COUNTED_OPCODES, type IoCounters } from "./io-counters.js";
import { LATENCY_BUCKET_BOUNDS_NS, type LatencyHistogram } from "./latency-histogram.js";
import { OTHER_PRINCIPAL_LABEL, principalLabel } from "./principal-label.js";

/** Where the statistics come from. */
export interface StatsSources {
  readonly devices: DeviceRegistry;
  readonly contexts: ContextRegistry;
  readonly calls: GrpcCallCounter;
}

/** What to collect. */
export interface CollectStatsOptions {
  /** Only this device and its contexts; undefined: every device. Unknown: DEVICE_NOT_FOUND. */
  readonly device?: string | undefined;
  /** Also count chunks per state (reads each device's whole chunk report). */
  readonly includeChunks?: boolean;
  /**
   * Only what this principal may see: devices it has a grant on, contexts it may use (its own,
   * and all on devices it is admin of); `device` is then checked as GetDevice checks it.
   * Undefined: everything (the server's own metrics endpoint).
   */
  readonly caller?: Principal | undefined;
}

const CHUNK_STATES = [ChunkState.FREE, ChunkState.CLOSED, ChunkState.OPEN, ChunkState.OFFLINE];

function histogramMessage(histogram: LatencyHistogram): LatencyHistogramMessage {
  return {
    $typeName: "lightnvm.v1.LatencyHistogram",
    bucketCounts: Array.from(histogram.counts, BigInt),
    sumNs: BigInt(Math.round(histogram.sumNs)),
    count: BigInt(histogram.count),
  };
}

/** The gauges of a context, or their sums over a device's contexts. */
interface Gauges {
  outstanding: number;
  pending: number;
  unacknowledged: number;
  heldBytes: number;
}

function gaugesOf(context: ServedContext): Gauges {
  return {
    outstanding: context.outstanding,
    pending: context.pending,
    unacknowledged: context.unacknowledged,
    heldBytes: context.budget.used,
  };
}

/** The gauges of `contexts` summed, and how many they are. */
function sumGauges(contexts: readonly ServedContext[]): Gauges & { contexts: number } {
  const sums = { contexts: 0, outstanding: 0, pending: 0, unacknowledged: 0, heldBytes: 0 };
  for (const context of contexts) {
    const gauges = gaugesOf(context);
    sums.contexts++;
    sums.outstanding += gauges.outstanding;
    sums.pending += gauges.pending;
    sums.unacknowledged += gauges.unacknowledged;
    sums.heldBytes += gauges.heldBytes;
  }
  return sums;
}

/**
 * The per-principal entries of `served` that `caller` may see: every one for the server's own
 * metrics (no caller) and for an admin of the device, else only the caller's own label, and
 * none for `other`, a label other callers share.
 */
function principalEntries(
  served: ServedDevice,
  contexts: ContextRegistry,
  caller: Principal | undefined,
): PrincipalStatsMessage[] {
  const own = caller && principalLabel(caller);
  const seesAll = !caller || caller.access.current.isAdmin(caller, served.name);
  const onDevice = contexts.list().filter((c) => c.device === served);
  return served.principalStats
    .entries()
    .filter(([label]) => seesAll || (label === own && label !== OTHER_PRINCIPAL_LABEL))
    .map(([label, counters]) => {
      const sums = sumGauges(onDevice.filter((c) => c.stats.principalLabel === label));
      return create(PrincipalStatsSchema, {
        principal: label,
        device: served.name,
        io: ioStats(counters, sums),
        contexts: sums.contexts,
      });
    });
}

function ioStats(counters: IoCounters, gauges: Gauges): IoStats {
  return create(IoStatsSchema, {
    opcodes: COUNTED_OPCODES.map((opcode) => {
      const of = counters.of(opcode);
      return {
        opcode,
        commands: BigInt(of.commands),
        bytes: BigInt(of.bytes),
        completions: BigInt(of.completions),
        deviceLatency: histogramMessage(of.deviceLatency),
        endToEndLatency: histogramMessage(of.endToEndLatency),
      };
    }),
    completions: [...counters.completionsByStatus]
      .sort(([a], [b]) => a - b)
      .map(([code, count]) => ({
        code,
        name: statusName(code),
        count: BigInt(count),
      })),
    outstanding: gauges.outstanding,
    pending: gauges.pending,
    unacknowledged: gauges.unacknowledged,
    heldBytes: BigInt(gauges.heldBytes),
  });
}

/**
 * Chunks per state and the highest wear index of `served`: of every chunk for the server's own
 * metrics (no caller), else of the chunks `caller` holds the report right on, as its chunk
 * report shows them, so the counts tell nothing about other partitions.
 */
function chunkSummary(
  served: ServedDevice,
  caller: Principal | undefined,
): Pick<DeviceStats, "chunks" | "maxWearIndex"> {
  const reportable = caller
    ? caller.access.current.chunkCheck(caller, served.name, "report")
    : () => true;
  const counts = new Map<number, number>(CHUNK_STATES.map((state) => [state, 0]));
  let maxWearIndex = 0;
  const { npugrp, npunit } = served.device.geometry;
  // One parallel unit at a time, so memory stays bounded on large devices.
  for (let group = 0; group < npugrp; group++) {
    for (let punit = 0; punit < npunit; punit++) {
      for (const chunk of served.device.reportChunks({ group, punit, chunk: 0, sector: 0 })) {
        if (!reportable(chunk)) continue;
        counts.set(chunk.state, (counts.get(chunk.state) ?? 0) + 1);
        if (chunk.wearIndex > maxWearIndex) maxWearIndex = chunk.wearIndex;
      }
    }
  }
  return {
    chunks: [...counts].map(([state, count]) => ({
      $typeName: "lightnvm.v1.ChunkStateCount",
      state,
      count: BigInt(count),
    })),
    maxWearIndex,
  };
}

/**
 * Reads the counters of the devices, their contexts and the gRPC calls into one
 * GetStatsResponse. The Stats RPC returns it and the Prometheus endpoint renders it, so the
 * two always agree. With a `caller`, throws StorageError (PERMISSION_DENIED) for a `device` it
 * may not use and DEVICE_NOT_FOUND for an unknown one.
 */
export function collectStats(
  sources: StatsSources,
  options: CollectStatsOptions = {},
): GetStatsResponse {
  const { caller } = options;
  const all = caller ? sources.devices.visibleTo(caller) : sources.devices.list();
  const devices =
    options.device === undefined
      ? all
      : caller
        ? [sources.devices.get(options.device, caller)]
        : all.filter((d) => d.name === options.device);
  const names = new Set(devices.map((d) => d.name));
  const visible = caller ? sources.contexts.visibleTo(caller) : sources.contexts.list();
  const contexts = visible.filter((c) => names.has(c.device.name));
  return create(GetStatsResponseSchema, {
    devices: devices.map((served) => {
      const sums = sumGauges(contexts.filter((c) => c.device === served));
      return {
        device: served.name,
        io: ioStats(served.stats, sums),
        contexts: sums.contexts,
        ...(options.includeChunks ? chunkSummary(served, caller) : {}),
      };
    }),
    contexts: contexts.map((context) => ({
      contextId: context.id,
      device: context.device.name,
      depth: context.depth,
      io: ioStats(context.stats.own, gaugesOf(context)),
    })),
    latencyBucketBoundsNs: LATENCY_BUCKET_BOUNDS_NS.map(BigInt),
    monotonicNs: process.hrtime.bigint(),
    rpcs: sources.calls.list().map((row) => ({ ...row, count: BigInt(row.count) })),
    principals: devices.flatMap((served) => principalEntries(served, sources.contexts, caller)),
  });
}
