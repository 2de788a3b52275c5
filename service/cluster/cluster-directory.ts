import type { Etcd3, Lease, Watcher } from "etcd3";
import type { Logger } from "pino";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import type { ServedDevice } from "../devices/served-device.js";
import { StorageError } from "../errors.js";
import {
  type ClusterDeviceRecord,
  deviceKey,
  deviceRecord,
  devicesPrefix,
  parseDeviceRecord,
} from "./cluster-device-record.js";
import { connectEtcd, readDeviceRecords } from "./etcd-connection.js";

/** How to reach the directory and what to register. */
export interface ClusterDirectoryOptions {
  /** etcd endpoints, `http://host:port` (a bare host:port gets `http://`). */
  readonly endpoints: readonly string[];
  /** Key prefix of this cluster, e.g. `/lnvmd/`. */
  readonly prefix: string;
  /** TTL of the node's lease, seconds: a dead node's devices leave the directory within it. */
  readonly leaseTtlS: number;
  /** host:port clients reach this node at. */
  readonly nodeAddress: string;
}

/** A device name another node registered first. */
export class DeviceNameTakenError extends Error {
  override readonly name = "DeviceNameTakenError";
}

/**
 * This node's view of the cluster directory in etcd. `register` puts every device under one
 * lease, kept alive while the node runs, in a create-if-absent transaction: all names or none,
 * and a name already taken refuses the node. Listing and watching read etcd itself.
 */
export class ClusterDirectory {
  readonly #client: Etcd3;
  readonly #options: ClusterDirectoryOptions;
  readonly #log: Logger;
  #lease: Lease | undefined;
  #records: ClusterDeviceRecord[] = [];
  #watcher: Promise<Watcher> | undefined;
  readonly #listeners = new Set<(devices: ClusterDeviceRecord[]) => void>();
  #closed = false;

  private constructor(client: Etcd3, options: ClusterDirectoryOptions, log: Logger) {
    this.#client = client;
    this.#options = options;
    this.#log = log;
  }

  /**
   * Connects and registers `devices`. Rejects with DeviceNameTakenError naming the node that
   * holds a clashing name, or with an error naming the endpoints when etcd cannot be reached.
   */
  static async register(
    devices: readonly ServedDevice[],
    options: ClusterDirectoryOptions,
    log: Logger,
  ): Promise<ClusterDirectory> {
    const client = connectEtcd(options.endpoints);
    const directory = new ClusterDirectory(client, options, log);
    directory.#records = devices.map((d) => deviceRecord(d, options.nodeAddress));
    try {
      await directory.#register();
    } catch (error) {
      client.close();
      throw error;
    }
    return directory;
  }

  /** Every registered device, read from etcd now, in name order. CLUSTER_UNAVAILABLE if not. */
  async list(): Promise<ClusterDeviceRecord[]> {
    try {
      return await readDeviceRecords(this.#client, this.#options.prefix);
    } catch (error) {
      throw this.#unavailable(error);
    }
  }

  /**
   * Calls `listener` with the whole directory each time it changes in etcd (and after a
   * reconnection, since changes may have been missed). Returns the function that stops it.
   */
  watch(listener: (devices: ClusterDeviceRecord[]) => void): () => void {
    this.#listeners.add(listener);
    this.#watcher ??= this.#startWatching();
    return () => this.#listeners.delete(listener);
  }

  /** Removes this node's devices from the directory (revokes the lease) and disconnects. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    try {
      await (await this.#watcher)?.cancel();
    } catch {
      // A watcher that never started has nothing to cancel.
    }
    try {
      await this.#lease?.revoke();
    } catch (error) {
      this.#log.warn({ err: error }, "could not revoke the cluster lease: it expires by its TTL");
    }
    this.#client.close();
  }

  async #register(): Promise<void> {
    const { prefix, leaseTtlS, nodeAddress } = this.#options;
    const lease = this.#client.lease(leaseTtlS);
    let leaseId: string;
    try {
      leaseId = await lease.grant();
    } catch (error) {
      lease.release();
      throw this.#unavailable(error);
    }
    try {
      // Keys this node itself registered before (a restart within the TTL, same address), by
      // the value they hold: taken over only if still unchanged.
      let own = new Map<string, string>();
      for (let attempt = 0; ; attempt++) {
        if (await this.#createAll(leaseId, own)) break;
        const existing = await this.#existing();
        const clashes = [...existing.values()].filter((e) => e.record.nodeAddress !== nodeAddress);
        if (clashes.length > 0 || attempt > 0) {
          const names = clashes
            .map((e) => `${JSON.stringify(e.record.name)} is served by ${e.record.nodeAddress}`)
            .join("; ");
          throw new DeviceNameTakenError(
            `device names must be unique in the cluster (etcd prefix ${prefix}): ${names || "the directory changed while registering"}; give the device a different file name, or stop that node`,
          );
        }
        own = new Map([...existing].map(([key, e]) => [key, e.text]));
      }
    } catch (error) {
      await lease.revoke().catch(() => {});
      throw error instanceof DeviceNameTakenError ? error : this.#unavailable(error);
    }
    lease.on("lost", (error) => this.#onLeaseLost(error));
    this.#lease = lease;
    this.#log.info(
      { devices: this.#records.map((r) => r.name), leaseTtlS, prefix, nodeAddress },
      "registered in the cluster",
    );
  }

  /**
   * One transaction: every device key is absent (or, for keys in `own`, still holds that
   * value), then all are put under `leaseId`. Returns whether it applied.
   */
  async #createAll(leaseId: string, own: ReadonlyMap<string, string>): Promise<boolean> {
    const keys = this.#records.map((r) => deviceKey(this.#options.prefix, r.name));
    const [first, ...rest] = keys;
    if (first === undefined) return true;
    const firstValue = own.get(first);
    let txn =
      firstValue === undefined
        ? this.#client.if(first, "Create", "==", 0)
        : this.#client.if(first, "Value", "==", firstValue);
    for (const key of rest) {
      const value = own.get(key);
      txn =
        value === undefined ? txn.and(key, "Create", "==", 0) : txn.and(key, "Value", "==", value);
    }
    const result = await txn
      .then(
        ...this.#records.map((r, i) =>
          this.#client
            .put(keys[i] as string)
            .value(JSON.stringify(r))
            .lease(leaseId),
        ),
      )
      .commit();
    return result.succeeded;
  }

  /** The stored records of this node's device names, by key. */
  async #existing(): Promise<Map<string, { text: string; record: ClusterDeviceRecord }>> {
    const texts = await this.#client.getAll().prefix(devicesPrefix(this.#options.prefix)).strings();
    const mine = new Set(this.#records.map((r) => deviceKey(this.#options.prefix, r.name)));
    const existing = new Map<string, { text: string; record: ClusterDeviceRecord }>();
    for (const [key, text] of Object.entries(texts)) {
      const record = parseDeviceRecord(text);
      if (mine.has(key) && record) existing.set(key, { text, record });
    }
    return existing;
  }

  #onLeaseLost(error: unknown): void {
    if (this.#closed) return;
    this.#log.error({ err: error }, "cluster lease lost: registering again");
    this.#lease = undefined;
    this.#register().catch((failure: unknown) => {
      if (failure instanceof DeviceNameTakenError) {
        this.#log.error({ err: failure }, "cannot register again: this node leaves the cluster");
        return;
      }
      // etcd is unreachable: try again in half a TTL.
      const retryMs = (this.#options.leaseTtlS * 1000) / 2;
      setTimeout(() => this.#onLeaseLost(failure), retryMs).unref();
    });
  }

  async #startWatching(): Promise<Watcher> {
    const watcher = await this.#client.watch().prefix(devicesPrefix(this.#options.prefix)).create();
    const publish = () => {
      this.list().then(
        (devices) => {
          for (const listener of this.#listeners) listener(devices);
        },
        (error: unknown) => this.#log.warn({ err: error }, "cluster directory read failed"),
      );
    };
    watcher.on("put", publish);
    watcher.on("delete", publish);
    // The first connection is the watch starting; a later one may have missed changes.
    let connections = 0;
    watcher.on("connected", () => {
      if (connections++ > 0) publish();
    });
    watcher.on("error", (error) => this.#log.warn({ err: error }, "cluster watch failed"));
    return watcher;
  }

  #unavailable(error: unknown): StorageError {
    const endpoints = this.#options.endpoints.join(",");
    const detail = error instanceof Error ? error.message : String(error);
    return new StorageError(
      ErrorReason.CLUSTER_UNAVAILABLE,
      `cannot reach the cluster directory (etcd at ${endpoints}): ${detail}`,
      { metadata: { endpoints }, cause: error },
    );
  }
}
