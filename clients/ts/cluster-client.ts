import { create } from "@bufbuild/protobuf";
import { type ClientReadableStream, status } from "@grpc/grpc-js";
import {
  type ClusterDevice,
  WatchClusterDevicesRequestSchema,
  type WatchClusterDevicesResponse,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import type { ContextHandle } from "./context-handle.js";
import { createLnvmClient, type LnvmClient, type LnvmClientOptions } from "./lnvm-client.js";
import { LnvmError } from "./lnvm-error.js";
import type { CallLimits } from "./unary.js";

/** How the directory changed for one device. */
export type ClusterChange =
  /** The device joined the directory (its node registered). */
  | { readonly kind: "added"; readonly device: ClusterDevice }
  /**
   * The device left the directory: its node stopped, died, or lost etcd. Contexts opened on it
   * are not moved anywhere: they fail or go on as that node decides.
   */
  | { readonly kind: "removed"; readonly device: ClusterDevice }
  /** The device is now served by another node; contexts on the previous one stay there. */
  | { readonly kind: "moved"; readonly device: ClusterDevice; readonly previous: ClusterDevice };

/** Options of `connectCluster`. */
export interface ClusterClientOptions extends LnvmClientOptions {
  /**
   * How long to wait before watching through the next node after every known node failed,
   * milliseconds. @default 1000
   */
  readonly retryDelayMs?: number;
}

/** @default of `ClusterClientOptions.retryDelayMs`. */
const DEFAULT_RETRY_DELAY_MS = 1000;

/**
 * A client of an lnvmd cluster: it watches the device directory (ClusterService) through one
 * node, starting from a seed address, and sends each device's calls to the node that serves
 * it, over one channel per node. When the node it watches through goes away it watches
 * through another known node. It never moves a context: when a device leaves the directory or
 * changes node, listeners registered with `onChange` are told, and what to do with contexts
 * on it is the caller's choice. Call `close()` when done.
 */
export class ClusterClient {
  readonly #options: ClusterClientOptions;
  readonly #seeds: readonly string[];
  readonly #nodes = new Map<string, LnvmClient>();
  readonly #listeners = new Set<(change: ClusterChange) => void>();
  readonly #waiters = new Set<() => void>();
  #directory = new Map<string, ClusterDevice>();
  #watch: ClientReadableStream<WatchClusterDevicesResponse> | undefined;
  #watchIndex = 0;
  #failuresInARow = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(seeds: readonly string[], options: ClusterClientOptions) {
    this.#seeds = seeds;
    this.#options = options;
  }

  /**
   * Connects through `seeds` (host:port of any nodes) and resolves once the first directory
   * arrived. Rejects with the last node's error if no seed answers.
   */
  static async connect(
    seeds: readonly string[],
    options: ClusterClientOptions = {},
  ): Promise<ClusterClient> {
    if (seeds.length === 0) throw new RangeError("connectCluster needs at least one seed address");
    const client = new ClusterClient(seeds, options);
    await client.#firstDirectory();
    return client;
  }

  /** Every device in the directory as last seen, in name order. */
  devices(): ClusterDevice[] {
    return [...this.#directory.values()];
  }

  /** host:port of the node serving `device`; NOT_FOUND (DEVICE_NOT_FOUND) if none does. */
  nodeOf(device: string): string {
    const entry = this.#directory.get(device);
    if (!entry) {
      throw new LnvmError(
        status.NOT_FOUND,
        `device ${JSON.stringify(device)} is not in the cluster directory`,
        { reason: "DEVICE_NOT_FOUND", metadata: { device } },
      );
    }
    return entry.nodeAddress;
  }

  /** The client of the node serving `device` (one per node, shared). */
  clientOf(device: string): LnvmClient {
    return this.#node(this.nodeOf(device));
  }

  /** Creates a context on `device`, on the node that serves it (limits as `LnvmClient.init`). */
  init(
    options: { device: string; depth?: number; flags?: number } & CallLimits,
  ): Promise<ContextHandle> {
    return this.clientOf(options.device).init(options);
  }

  /** Calls `listener` for every change of the directory; returns the function that stops it. */
  onChange(listener: (change: ClusterChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Resolves with the directory once `predicate` holds for it (now, or after a change), or
   * rejects with DEADLINE_EXCEEDED after `timeoutMs`.
   */
  waitFor(
    predicate: (devices: ClusterDevice[]) => boolean,
    timeoutMs: number,
  ): Promise<ClusterDevice[]> {
    if (predicate(this.devices())) return Promise.resolve(this.devices());
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.devices())) return;
        finish();
        resolve(this.devices());
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new LnvmError(
            status.DEADLINE_EXCEEDED,
            `cluster directory not as expected after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
    });
  }

  /** Stops watching and closes every node's channel. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#watch?.cancel();
    for (const node of this.#nodes.values()) node.close();
    this.#nodes.clear();
  }

  /** The client of the node at `address`: one channel per node, made on first use. */
  #node(address: string): LnvmClient {
    let node = this.#nodes.get(address);
    if (!node) {
      node = createLnvmClient(address, this.#options);
      this.#nodes.set(address, node);
    }
    return node;
  }

  /** Nodes to watch through: those serving devices, then the seeds. */
  #candidates(): string[] {
    return [
      ...new Set([...[...this.#directory.values()].map((d) => d.nodeAddress), ...this.#seeds]),
    ];
  }

  #firstDirectory(): Promise<void> {
    return new Promise((resolve, reject) => {
      let lastError: unknown;
      const attempt = () => {
        const candidates = this.#candidates();
        this.#startWatch(
          () => resolve(),
          (error) => {
            lastError = error;
            if (this.#failuresInARow >= candidates.length) {
              this.close();
              reject(LnvmError.from(lastError));
            } else attempt();
          },
        );
      };
      attempt();
    });
  }

  /**
   * Watches through the next candidate. `onFirst` runs on its first directory; `onFailure` when
   * the watch fails before any directory came (the caller decides what next).
   */
  #startWatch(onFirst?: () => void, onFailure?: (error: unknown) => void): void {
    const candidates = this.#candidates();
    const address = candidates[this.#watchIndex % candidates.length] as string;
    this.#watchIndex++;
    const call = this.#node(address).stubs.cluster.watchClusterDevices(
      create(WatchClusterDevicesRequestSchema, {}),
    );
    this.#watch = call;
    let received = false;
    call.on("data", (message: WatchClusterDevicesResponse) => {
      if (!received) {
        received = true;
        this.#failuresInARow = 0;
      }
      this.#apply(message.devices);
      onFirst?.();
      onFirst = undefined;
    });
    const failed = (error: unknown) => {
      if (this.#closed || this.#watch !== call) return;
      this.#watch = undefined;
      if (!received) this.#failuresInARow++;
      if (onFailure && !received) {
        onFailure(error);
        return;
      }
      this.#rewatch();
    };
    call.on("error", failed);
    call.on("end", () => failed(new LnvmError(status.UNAVAILABLE, "directory watch ended")));
  }

  /** After a watch failed: the next node at once, or a pause once every node failed in a row. */
  #rewatch(): void {
    if (this.#failuresInARow < this.#candidates().length) {
      this.#startWatch();
      return;
    }
    this.#failuresInARow = 0;
    this.#retryTimer = setTimeout(
      () => this.#startWatch(),
      this.#options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    );
    this.#retryTimer.unref();
  }

  #apply(devices: readonly ClusterDevice[]): void {
    const next = new Map(devices.map((d) => [d.name, d]));
    const changes: ClusterChange[] = [];
    for (const [name, device] of next) {
      const previous = this.#directory.get(name);
      if (!previous) changes.push({ kind: "added", device });
      else if (previous.nodeAddress !== device.nodeAddress) {
        changes.push({ kind: "moved", device, previous });
      }
    }
    for (const [name, device] of this.#directory) {
      if (!next.has(name)) changes.push({ kind: "removed", device });
    }
    this.#directory = new Map([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const change of changes) for (const listener of this.#listeners) listener(change);
    for (const check of [...this.#waiters]) check();
  }
}

/** Connects to an lnvmd cluster through any of `seeds` (host:port); see `ClusterClient`. */
export function connectCluster(
  seeds: readonly string[],
  options: ClusterClientOptions = {},
): Promise<ClusterClient> {
  return ClusterClient.connect(seeds, options);
}
