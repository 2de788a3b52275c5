import { Etcd3 } from "etcd3";
import {
  type ClusterDeviceRecord,
  devicesPrefix,
  parseDeviceRecord,
} from "./cluster-device-record.js";

/** How long one etcd call may take, milliseconds, before it fails as unavailable. */
const ETCD_CALL_TIMEOUT_MS = 5000;

/** A client of the etcd at `endpoints` (`http://host:port`; a bare host:port gets `http://`). */
export function connectEtcd(endpoints: readonly string[]): Etcd3 {
  return new Etcd3({
    hosts: endpoints.map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`)),
    dialTimeout: ETCD_CALL_TIMEOUT_MS,
    defaultCallOptions: (context) =>
      context.isStream ? {} : { deadline: Date.now() + ETCD_CALL_TIMEOUT_MS },
  });
}

/**
 * Every device record under `prefix`, read from etcd now, in name order; values that are not
 * records (written by something else) are skipped. Rejects with the etcd client's error.
 */
export async function readDeviceRecords(
  client: Etcd3,
  prefix: string,
): Promise<ClusterDeviceRecord[]> {
  const texts = await client.getAll().prefix(devicesPrefix(prefix)).strings();
  return Object.values(texts)
    .map(parseDeviceRecord)
    .filter((r): r is ClusterDeviceRecord => r !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
