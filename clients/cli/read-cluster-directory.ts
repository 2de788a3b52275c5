import type { ClusterDevice } from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { clusterDeviceMessage } from "../../service/cluster/cluster-device-record.js";
import { createLnvmClient, type LnvmClientOptions, LnvmError } from "../ts/index.js";
import { CliError } from "./cli-error.js";
import { CONNECT_DEADLINE_MS } from "./cli-session.js";
import type { ClusterSource } from "./cluster-source.js";

/**
 * Every device of the cluster, in name order, read from `source`: the first seed that answers
 * ListClusterDevices (a seed that answers with an error, e.g. CLUSTER_DISABLED, ends the search
 * with that error), or etcd. A failure names every seed tried, or the etcd endpoints.
 */
export async function readClusterDirectory(
  source: ClusterSource,
  options: LnvmClientOptions,
): Promise<ClusterDevice[]> {
  return source.kind === "seeds"
    ? fromSeeds(source.seeds, options)
    : fromEtcd(source.endpoints, source.prefix);
}

async function fromSeeds(
  seeds: readonly string[],
  options: LnvmClientOptions,
): Promise<ClusterDevice[]> {
  const failures: string[] = [];
  for (const seed of seeds) {
    const client = createLnvmClient(seed, options);
    try {
      return await client.clusterDevices({ timeoutMs: CONNECT_DEADLINE_MS });
    } catch (error) {
      // A seed that answered with its own reason (CLUSTER_DISABLED, UNAUTHENTICATED, ...) is
      // reachable: its answer is the one to report.
      if (error instanceof LnvmError && error.reason !== undefined) throw error;
      failures.push(`${seed}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      client.close();
    }
  }
  throw CliError.failure(`cannot reach any seed of the cluster (${failures.join("; ")})`);
}

async function fromEtcd(endpoints: readonly string[], prefix: string): Promise<ClusterDevice[]> {
  // Loaded only when asked for: most commands never talk to etcd.
  const { connectEtcd, readDeviceRecords } = await import(
    "../../service/cluster/etcd-connection.js"
  );
  const client = connectEtcd(endpoints);
  try {
    return (await readDeviceRecords(client, prefix)).map(clusterDeviceMessage);
  } catch (error) {
    throw CliError.failure(
      `cannot read the cluster directory from etcd at ${endpoints.join(",")}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      error,
    );
  } finally {
    client.close();
  }
}
