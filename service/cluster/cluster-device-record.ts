import { create } from "@bufbuild/protobuf";
import { type ClusterDevice, ClusterDeviceSchema } from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import type { ServedDevice } from "../devices/served-device.js";

/**
 * What the directory stores for a device, as JSON, under `<prefix>devices/<name>`: the name,
 * the node that serves it, and a geometry summary.
 */
export interface ClusterDeviceRecord {
  readonly name: string;
  /** host:port of the node's gRPC listener. */
  readonly nodeAddress: string;
  readonly geometry: {
    readonly npugrp: number;
    readonly npunit: number;
    readonly nchunk: number;
    readonly nsectr: number;
    readonly nbytes: number;
    readonly nbytesOob: number;
  };
  /** Data capacity in bytes. */
  readonly capacityBytes: number;
}

/** The etcd key of device `name` under `prefix`. */
export function deviceKey(prefix: string, name: string): string {
  return `${devicesPrefix(prefix)}${name}`;
}

/** The key prefix every device key starts with. */
export function devicesPrefix(prefix: string): string {
  return `${prefix}devices/`;
}

/** The record of `served` as served at `nodeAddress`. */
export function deviceRecord(served: ServedDevice, nodeAddress: string): ClusterDeviceRecord {
  const g = served.device.geometry;
  return {
    name: served.name,
    nodeAddress,
    geometry: {
      npugrp: g.npugrp,
      npunit: g.npunit,
      nchunk: g.nchunk,
      nsectr: g.nsectr,
      nbytes: g.nbytes,
      nbytesOob: g.nbytesOob,
    },
    capacityBytes: g.tbytes,
  };
}

/** Parses a stored record; undefined for a value that is not one (written by something else). */
export function parseDeviceRecord(text: string): ClusterDeviceRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClusterDeviceRecord>;
    if (typeof value.name !== "string" || typeof value.nodeAddress !== "string") return undefined;
    if (typeof value.geometry !== "object" || value.geometry === null) return undefined;
    return value as ClusterDeviceRecord;
  } catch {
    return undefined;
  }
}

/** `record` as the ClusterService message. */
export function clusterDeviceMessage(record: ClusterDeviceRecord): ClusterDevice {
  return create(ClusterDeviceSchema, {
    name: record.name,
    nodeAddress: record.nodeAddress,
    geometry: record.geometry,
    capacityBytes: BigInt(record.capacityBytes),
  });
}
