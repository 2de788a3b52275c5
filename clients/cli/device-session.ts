import type { Device } from "../ts/index.js";
import { CliError } from "./cli-error.js";
import { type CliSession, type ServerTarget, withSession } from "./cli-session.js";
import { describeClusterSource } from "./cluster-source.js";
import { readClusterDirectory } from "./read-cluster-directory.js";

/**
 * Where the calls about device `name` go: `server` itself, or, with a cluster to route
 * through, the node the cluster directory says serves `name` (same TLS and token). A name the
 * directory does not hold is a failure (exit 1) listing the cluster's devices.
 */
export async function routeToDevice(server: ServerTarget, name: string): Promise<ServerTarget> {
  const { cluster } = server;
  if (!cluster) return server;
  const devices = await readClusterDirectory(cluster, server.options);
  const entry = devices.find((d) => d.name === name);
  if (!entry) {
    const known = devices.map((d) => d.name).join(", ") || "none";
    throw CliError.failure(
      `no device ${JSON.stringify(name)} in the cluster (directory from ${describeClusterSource(cluster)}; devices: ${known})`,
    );
  }
  return { address: entry.nodeAddress, options: server.options };
}

/**
 * Opens a session on the node serving device `name` (see `routeToDevice`), runs `body` with it
 * and the device, and closes it.
 */
export async function withDeviceSession<T>(
  server: ServerTarget,
  name: string,
  body: (session: CliSession, device: Device) => Promise<T>,
): Promise<T> {
  return withSession(await routeToDevice(server, name), (session) =>
    body(session, session.device(name)),
  );
}
