import { randomUUID } from "node:crypto";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { createModelImage } from "../../../native/binding/index.js";
import { type EtcdServer, startEtcd } from "../../helpers/etcd-server.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { type ServerProcess, startServerProcess } from "../../helpers/lnvmd-process.js";
import { createTempDir } from "../../helpers/temp-dir.js";

/** Lease TTL of the test nodes, seconds: short, so a killed node leaves the directory soon. */
export const TEST_LEASE_TTL_S = 2;

/**
 * One etcd for every test of the file that calls this (at load time): started before its
 * tests, stopped after them. Returns the getter of its client endpoint.
 */
export function etcdForTests(): () => string {
  let etcd: EtcdServer | undefined;
  test.before(async () => {
    etcd = await startEtcd();
  });
  test.after.always(async () => {
    await etcd?.stop();
  });
  return () => {
    if (!etcd) throw new Error("etcd is not running");
    return etcd.endpoint;
  };
}

/** A fresh etcd key prefix, so tests sharing one etcd do not see each other's nodes. */
export function testPrefix(): string {
  return `/lnvmd-test-${randomUUID()}/`;
}

/** Model images named `names` (device name = file name) in a fresh temp dir; their paths. */
export async function createNamedImages(
  t: ExecutionContext,
  names: readonly string[],
): Promise<string[]> {
  const dir = await createTempDir(t);
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      await createModelImage(path, GEOMETRIES.small);
      return path;
    }),
  );
}

/** The flags that make a node serving `images` join the cluster at `etcd` under `prefix`. */
export function clusterFlags(etcd: string, prefix: string, leaseTtlS = TEST_LEASE_TTL_S): string[] {
  return ["--etcd", etcd, "--etcd-prefix", prefix, "--etcd-lease-ttl-s", String(leaseTtlS)];
}

/** The full lnvmd arguments of a cluster node serving `images` on a free loopback port. */
export function nodeArgs(
  images: readonly string[],
  etcd: string,
  prefix: string,
  leaseTtlS = TEST_LEASE_TTL_S,
): string[] {
  return [
    "--listen",
    "127.0.0.1:0",
    ...images.flatMap((image) => ["--device", image]),
    ...clusterFlags(etcd, prefix, leaseTtlS),
  ];
}

/** Starts a cluster node serving `images` (at least one); killed when the test ends. */
export function startNode(
  t: ExecutionContext,
  images: readonly string[],
  etcd: string,
  prefix: string,
  leaseTtlS = TEST_LEASE_TTL_S,
  extraFlags: readonly string[] = [],
): Promise<ServerProcess> {
  const [first = "", ...rest] = images;
  return startServerProcess(t, first, [
    ...rest.flatMap((image) => ["--device", image]),
    ...clusterFlags(etcd, prefix, leaseTtlS),
    ...extraFlags,
  ]);
}
