import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValueWithName,
  Registry,
} from "prom-client";
import { Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { ChunkState } from "../../gen/ts/lightnvm/v1/device_pb.js";
import type {
  GetStatsResponse,
  LatencyHistogram,
  OpcodeStats,
} from "../../gen/ts/lightnvm/v1/stats_pb.js";
import { collectStats, type StatsSources } from "./collect-stats.js";
import { LATENCY_BUCKET_BOUNDS_NS } from "./latency-histogram.js";

/** What the metrics read besides the statistics. */
export interface MetricsSources extends StatsSources {
  /** Sessions and completion streams attached now. */
  readonly attached: { readonly size: number };
}

type Labels = Record<string, string>;

const BOUNDS_SECONDS = LATENCY_BUCKET_BOUNDS_NS.map((ns) => ns / 1e9);

/**
 * A Prometheus histogram whose buckets are read from a Stats snapshot at scrape time instead of
 * being observed one by one, so the data path pays only for its own typed-array counters.
 */
class SnapshotHistogram extends Histogram<string> {
  readonly #name: string;
  readonly #help: string;
  readonly #read: () => { labels: Labels; histogram: LatencyHistogram | undefined }[];

  constructor(
    name: string,
    help: string,
    labelNames: string[],
    read: () => { labels: Labels; histogram: LatencyHistogram | undefined }[],
  ) {
    super({ name, help, labelNames, buckets: BOUNDS_SECONDS, registers: [] });
    this.#name = name;
    this.#help = help;
    this.#read = read;
  }

  /** What the registry renders; prom-client calls it instead of `get` for the text format. */
  async getForPromString() {
    const values: MetricValueWithName<string>[] = [];
    for (const { labels, histogram } of this.#read()) {
      if (!histogram) continue;
      let cumulative = 0;
      histogram.bucketCounts.forEach((count, i) => {
        cumulative += Number(count);
        const le = i < BOUNDS_SECONDS.length ? (BOUNDS_SECONDS[i] as number) : "+Inf";
        values.push({
          metricName: `${this.#name}_bucket`,
          labels: { ...labels, le },
          value: cumulative,
        });
      });
      values.push(
        { metricName: `${this.#name}_sum`, labels, value: Number(histogram.sumNs) / 1e9 },
        { metricName: `${this.#name}_count`, labels, value: Number(histogram.count) },
      );
    }
    return { name: this.#name, help: this.#help, type: "histogram", values, aggregator: "sum" };
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    // prom-client's typings declare `type` as a numeric enum; at run time it is this string.
    return (await this.getForPromString()) as unknown as MetricObjectWithValues<
      MetricValueWithName<string>
    >;
  }
}

const OPCODE_LABEL: Record<number, string> = {
  [Opcode.READ]: "read",
  [Opcode.WRITE]: "write",
  [Opcode.ERASE]: "erase",
  [Opcode.COPY]: "copy",
};

const STATE_LABEL: Record<number, string> = {
  [ChunkState.FREE]: "free",
  [ChunkState.CLOSED]: "closed",
  [ChunkState.OPEN]: "open",
  [ChunkState.OFFLINE]: "offline",
};

/**
 * Every Prometheus metric lnvmd exports, defined in one place. Each scrape reads one Stats
 * snapshot (`collectStats`, chunk report included), so the metrics always agree with the Stats
 * RPC. Labels are bounded: device names, principal labels (`principalLabel`), opcodes, status
 * names, chunk states, gRPC methods and codes; never context ids. Node.js process metrics
 * (event-loop lag among them, `nodejs_eventloop_lag_seconds`) come from prom-client's default
 * collectors.
 */
export class LnvmdMetrics {
  readonly registry = new Registry();
  #snapshot: GetStatsResponse | undefined;
  #rendering: Promise<unknown> = Promise.resolve();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    const snapshot = () => {
      this.#snapshot ??= collectStats(sources, { includeChunks: true });
      return this.#snapshot;
    };
    /** The device's entries, and each principal's entry with its `principal` label. */
    const ioEntries = (byPrincipal: boolean) =>
      byPrincipal
        ? snapshot().principals.map((p) => ({
            labels: { device: p.device, principal: p.principal },
            io: p.io,
          }))
        : snapshot().devices.map((d) => ({ labels: { device: d.device }, io: d.io }));
    const perOpcode = (pick: (o: OpcodeStats) => bigint, byPrincipal = false) =>
      ioEntries(byPrincipal).flatMap(({ labels, io }) =>
        (io?.opcodes ?? []).map((o) => ({
          labels: { ...labels, opcode: OPCODE_LABEL[o.opcode] ?? String(o.opcode) },
          value: Number(pick(o)),
        })),
      );
    const perStatus = (byPrincipal = false) =>
      ioEntries(byPrincipal).flatMap(({ labels, io }) =>
        (io?.completions ?? []).map((c) => ({
          labels: { ...labels, status: c.name },
          value: Number(c.count),
        })),
      );
    const counter = (
      name: string,
      help: string,
      labelNames: string[],
      read: () => { labels: Labels; value: number }[],
    ) =>
      new Counter({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const { labels, value } of read()) this.inc(labels, value);
        },
      });
    const gauge = (
      name: string,
      help: string,
      labelNames: string[],
      read: () => { labels: Labels; value: number }[],
    ) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const { labels, value } of read()) this.set(labels, value);
        },
      });
    const histogram = (
      name: string,
      help: string,
      pick: (o: OpcodeStats) => LatencyHistogram | undefined,
    ) =>
      this.registry.registerMetric(
        new SnapshotHistogram(name, help, ["device", "opcode"], () =>
          snapshot().devices.flatMap((d) =>
            (d.io?.opcodes ?? []).map((o) => ({
              labels: { device: d.device, opcode: OPCODE_LABEL[o.opcode] ?? String(o.opcode) },
              histogram: pick(o),
            })),
          ),
        ),
      );
    const perDevice = (pick: (d: GetStatsResponse["devices"][number]) => number) =>
      snapshot().devices.map((d) => ({ labels: { device: d.device }, value: pick(d) }));

    counter(
      "lnvmd_device_commands_total",
      "Commands submitted to the device, by opcode.",
      ["device", "opcode"],
      () => perOpcode((o) => o.commands),
    );
    counter(
      "lnvmd_device_io_bytes_total",
      "Data bytes read, written or copied by submitted commands, by opcode.",
      ["device", "opcode"],
      () => perOpcode((o) => o.bytes),
    );
    counter(
      "lnvmd_device_completions_total",
      "Commands reaped from the device, by completion status name.",
      ["device", "status"],
      () => perStatus(),
    );
    counter(
      "lnvmd_principal_commands_total",
      "Commands submitted to the device by the principal's contexts, by opcode.",
      ["device", "principal", "opcode"],
      () => perOpcode((o) => o.commands, true),
    );
    counter(
      "lnvmd_principal_io_bytes_total",
      "Data bytes read, written or copied by the principal's commands, by opcode.",
      ["device", "principal", "opcode"],
      () => perOpcode((o) => o.bytes, true),
    );
    counter(
      "lnvmd_principal_completions_total",
      "The principal's commands reaped from the device, by completion status name.",
      ["device", "principal", "status"],
      () => perStatus(true),
    );
    histogram(
      "lnvmd_device_command_latency_seconds",
      "Device time of a command: from submission to the device until its completion was reaped.",
      (o) => o.deviceLatency,
    );
    histogram(
      "lnvmd_device_end_to_end_latency_seconds",
      "From the command reaching the server until its completion first left for the client.",
      (o) => o.endToEndLatency,
    );
    gauge(
      "lnvmd_device_outstanding_commands",
      "Commands submitted to the device and not yet reaped.",
      ["device"],
      () => perDevice((d) => d.io?.outstanding ?? 0),
    );
    gauge(
      "lnvmd_device_pending_completions",
      "Completions reaped and not yet written to a session or stream.",
      ["device"],
      () => perDevice((d) => d.io?.pending ?? 0),
    );
    gauge(
      "lnvmd_device_unacknowledged_completions",
      "Completions written to a session or stream and not yet acknowledged.",
      ["device"],
      () => perDevice((d) => d.io?.unacknowledged ?? 0),
    );
    gauge(
      "lnvmd_device_held_bytes",
      "Bytes held for clients: outstanding commands' buffers and unacknowledged read data.",
      ["device"],
      () => perDevice((d) => Number(d.io?.heldBytes ?? 0n)),
    );
    gauge("lnvmd_device_contexts", "Open async contexts.", ["device"], () =>
      perDevice((d) => d.contexts),
    );
    gauge("lnvmd_device_chunks", "Chunks of the device in each state.", ["device", "state"], () =>
      snapshot().devices.flatMap((d) =>
        d.chunks.map((c) => ({
          labels: { device: d.device, state: STATE_LABEL[c.state] ?? String(c.state) },
          value: Number(c.count),
        })),
      ),
    );
    gauge(
      "lnvmd_device_chunk_wear_index_max",
      "Highest wear index of the device's chunks (0 new, 255 worn out).",
      ["device"],
      () => perDevice((d) => d.maxWearIndex),
    );
    gauge(
      "lnvmd_attached_calls",
      "Sessions, completion streams and cluster directory watches open now.",
      [],
      () => [{ labels: {}, value: sources.attached.size }],
    );
    counter(
      "lnvmd_grpc_calls_total",
      "Completed gRPC calls, by method and status code.",
      ["method", "code"],
      () =>
        snapshot().rpcs.map((r) => ({
          labels: { method: r.method, code: r.code },
          value: Number(r.count),
        })),
    );
    collectDefaultMetrics({ register: this.registry });
  }

  /** The Prometheus text exposition of every metric, from one fresh snapshot. */
  render(): Promise<string> {
    // One render at a time: the collectors share `#snapshot`, so concurrent scrapes would mix
    // two snapshots in one exposition.
    const rendered = this.#rendering.then(async () => {
      this.#snapshot = undefined;
      try {
        return await this.registry.metrics();
      } finally {
        this.#snapshot = undefined;
      }
    });
    this.#rendering = rendered.catch(() => {});
    return rendered;
  }

  /** The `Content-Type` of `render`'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
