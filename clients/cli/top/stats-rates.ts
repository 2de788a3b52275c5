import type {
  GetStatsResponse,
  IoStats,
  LatencyHistogram,
} from "../../../gen/ts/lightnvm/v1/stats_pb.js";
import { Opcode } from "../../ts/index.js";
import { histogramPercentile } from "./histogram-percentile.js";

/** Latency percentiles over one interval, in microseconds; null when nothing completed. */
export interface LatencyPercentiles {
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
}

/** What `lnvm top` shows for a device or a context over one interval. */
export interface IoRates {
  /** Commands completed per second, every opcode. */
  readonly iops: number;
  readonly readIops: number;
  readonly writeIops: number;
  /** Data read, written or copied per second, in 10^6 bytes. */
  readonly mbPerSecond: number;
  readonly readMbPerSecond: number;
  readonly writeMbPerSecond: number;
  /** Commands completed in the interval. */
  readonly completions: number;
  /** Device time, submission to reap, of the commands completed in the interval. */
  readonly deviceLatencyUs: LatencyPercentiles;
  /** Submit arrival to delivery, of the completions delivered in the interval. */
  readonly endToEndLatencyUs: LatencyPercentiles;
  /** Commands on the device at the end of the interval: the queue depth. */
  readonly outstanding: number;
  /** Completions waiting for the client at the end of the interval. */
  readonly pending: number;
}

/** One device row of `lnvm top`. */
export interface DeviceRates extends IoRates {
  readonly device: string;
  readonly contexts: number;
}

/** One context row of `lnvm top`. */
export interface ContextRates extends IoRates {
  readonly contextId: string;
  readonly device: string;
  readonly depth: number;
}

/** Rates of every device and context between two GetStats responses. */
export interface StatsRates {
  readonly intervalSeconds: number;
  readonly devices: DeviceRates[];
  readonly contexts: ContextRates[];
}

function histogramDelta(now: LatencyHistogram | undefined, then: LatencyHistogram | undefined) {
  return (now?.bucketCounts ?? []).map((n, i) => Number(n - (then?.bucketCounts[i] ?? 0n)));
}

function percentiles(counts: number[], boundsUs: number[]): LatencyPercentiles {
  const at = (q: number) => {
    const value = histogramPercentile(counts, boundsUs, q);
    return value === undefined ? null : Math.round(value * 10) / 10;
  };
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) };
}

function sumInto(into: number[], add: number[]): void {
  add.forEach((n, i) => {
    into[i] = (into[i] ?? 0) + n;
  });
}

function rates(
  now: IoStats | undefined,
  then: IoStats | undefined,
  seconds: number,
  boundsUs: number[],
): IoRates {
  let completions = 0;
  let readCompletions = 0;
  let writeCompletions = 0;
  let bytes = 0;
  let readBytes = 0;
  let writeBytes = 0;
  const device: number[] = [];
  const endToEnd: number[] = [];
  for (const o of now?.opcodes ?? []) {
    const before = then?.opcodes.find((p) => p.opcode === o.opcode);
    const done = Number(o.completions - (before?.completions ?? 0n));
    const moved = Number(o.bytes - (before?.bytes ?? 0n));
    completions += done;
    bytes += moved;
    if (o.opcode === Opcode.READ) {
      readCompletions += done;
      readBytes += moved;
    } else if (o.opcode === Opcode.WRITE) {
      writeCompletions += done;
      writeBytes += moved;
    }
    sumInto(device, histogramDelta(o.deviceLatency, before?.deviceLatency));
    sumInto(endToEnd, histogramDelta(o.endToEndLatency, before?.endToEndLatency));
  }
  const perSecond = (n: number) => (seconds > 0 ? n / seconds : 0);
  return {
    iops: Math.round(perSecond(completions)),
    readIops: Math.round(perSecond(readCompletions)),
    writeIops: Math.round(perSecond(writeCompletions)),
    mbPerSecond: Math.round(perSecond(bytes) / 1e4) / 100,
    readMbPerSecond: Math.round(perSecond(readBytes) / 1e4) / 100,
    writeMbPerSecond: Math.round(perSecond(writeBytes) / 1e4) / 100,
    completions,
    deviceLatencyUs: percentiles(device, boundsUs),
    endToEndLatencyUs: percentiles(endToEnd, boundsUs),
    outstanding: now?.outstanding ?? 0,
    pending: now?.pending ?? 0,
  };
}

/**
 * The rates between `then` and `now` (two GetStats responses of one server, `then` first),
 * over the interval their monotonic clocks give. A context that is new in `now` counts from
 * zero, since its counters started at zero; one gone from `now` is left out.
 */
export function statsRates(then: GetStatsResponse, now: GetStatsResponse): StatsRates {
  const seconds = Number(now.monotonicNs - then.monotonicNs) / 1e9;
  const boundsUs = now.latencyBucketBoundsNs.map((ns) => Number(ns) / 1000);
  return {
    intervalSeconds: Math.round(seconds * 1000) / 1000,
    devices: now.devices.map((d) => ({
      device: d.device,
      contexts: d.contexts,
      ...rates(d.io, then.devices.find((p) => p.device === d.device)?.io, seconds, boundsUs),
    })),
    contexts: now.contexts.map((c) => ({
      contextId: c.contextId,
      device: c.device,
      depth: c.depth,
      ...rates(c.io, then.contexts.find((p) => p.contextId === c.contextId)?.io, seconds, boundsUs),
    })),
  };
}
