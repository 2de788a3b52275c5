import { create } from "@bufbuild/protobuf";
import { credentials } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { connectCluster, createLnvmClient, LnvmError } from "../../clients/ts/index.js";
import { unary } from "../../clients/ts/unary.js";
import { ClusterServiceClient } from "../../gen/ts/lightnvm/v1/cluster_grpc.js";
import {
  ListClusterDevicesRequestSchema,
  type ListClusterDevicesResponse,
  WatchClusterDevicesRequestSchema,
  type WatchClusterDevicesResponse,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { runLnvm } from "../cli/helpers/run-lnvm.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";
import {
  clusterFlags,
  createNamedImages,
  etcdForTests,
  startNode,
  testPrefix,
} from "./helpers/cluster-fixture.js";

const etcdEndpoint = etcdForTests();

const g = GEOMETRIES.small;

test("any node lists every device of the cluster, and the client routes each context to its device's node", async (t) => {
  const prefix = testPrefix();
  const [alpha, beta, gamma, delta] = await createNamedImages(t, [
    "alpha.img",
    "beta.img",
    "gamma.img",
    "delta.img",
  ]);
  const nodes = await Promise.all([
    startNode(t, [alpha as string], etcdEndpoint(), prefix),
    startNode(t, [beta as string], etcdEndpoint(), prefix),
    startNode(t, [gamma as string, delta as string], etcdEndpoint(), prefix),
  ]);
  const owner: Record<string, string> = {
    "alpha.img": nodes[0]?.address ?? "",
    "beta.img": nodes[1]?.address ?? "",
    "delta.img": nodes[2]?.address ?? "",
    "gamma.img": nodes[2]?.address ?? "",
  };

  for (const node of nodes) {
    const stub = new ClusterServiceClient(node.address, credentials.createInsecure());
    t.teardown(() => stub.close());
    const listed = await unary<ListClusterDevicesResponse>((cb) =>
      stub.listClusterDevices(create(ListClusterDevicesRequestSchema, {}), cb),
    );
    t.deepEqual(
      listed.devices.map((d) => [d.name, d.nodeAddress]),
      Object.entries(owner),
      `as listed by ${node.address}`,
    );
    t.like(listed.devices[0]?.geometry, { npugrp: g.npugrp, npunit: g.npunit, nchunk: g.nchunk });
    t.is(
      listed.devices[0]?.capacityBytes,
      BigInt(g.npugrp * g.npunit * g.nchunk * g.nsectr * g.nbytes),
    );
  }

  const listed = await runLnvm(["cluster", "--json"], { address: nodes[2]?.address ?? "" });
  t.is(listed.code, 0, listed.stderr);
  t.deepEqual(
    (JSON.parse(listed.stdout.toString()) as { name: string; nodeAddress: string }[]).map((d) => [
      d.name,
      d.nodeAddress,
    ]),
    Object.entries(owner),
  );

  // Seeded with one node only, the client finds the others through the directory.
  const cluster = await connectCluster([nodes[1]?.address ?? ""]);
  t.teardown(() => cluster.close());
  t.deepEqual(
    cluster.devices().map((d) => d.name),
    Object.keys(owner),
  );
  const data = new Uint8Array(g.wsMin * g.nbytes).fill(7);
  for (const [device, address] of Object.entries(owner)) {
    t.is(cluster.nodeOf(device), address);
    const ctx = await cluster.init({ device, depth: 4 });
    const written = await ctx.write(
      { start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: g.wsMin },
      data,
    );
    t.is(written.status?.name, "SUCCESS", device);
    // The context lives on the owner and on no other node.
    for (const node of nodes) {
      const direct = createLnvmClient(node.address);
      const stats = await direct.stats();
      direct.close();
      t.is(
        stats.contexts.some((c) => c.contextId === ctx.id),
        node.address === address,
        `${device} on ${node.address}`,
      );
    }
    await ctx.term();
  }
  t.throws(() => cluster.nodeOf("nowhere.img"), { message: /not in the cluster directory/ });
});

test("a node without --etcd answers ListClusterDevices with FAILED_PRECONDITION (CLUSTER_DISABLED)", async (t) => {
  const { address } = await startTestServer(t);
  const stub = new ClusterServiceClient(address, credentials.createInsecure());
  t.teardown(() => stub.close());
  const error = await t.throwsAsync(
    unary((cb) => stub.listClusterDevices(create(ListClusterDevicesRequestSchema, {}), cb)),
  );
  t.like(error, { codeName: "FAILED_PRECONDITION", reason: "CLUSTER_DISABLED" });
  const run = await runLnvm(["cluster"], { address });
  t.is(run.code, 1);
  t.regex(run.stderr, /FAILED_PRECONDITION.*CLUSTER_DISABLED|CLUSTER_DISABLED.*--etcd/s);
});

/** A directory watch on `address`: its messages as they come, and how it ended. */
function watch(t: ExecutionContext, address: string) {
  const stub = new ClusterServiceClient(address, credentials.createInsecure());
  t.teardown(() => stub.close());
  const call = stub.watchClusterDevices(create(WatchClusterDevicesRequestSchema, {}));
  const first = new Promise<WatchClusterDevicesResponse>((resolve) => call.once("data", resolve));
  const ended = new Promise<LnvmError>((resolve) =>
    call.on("error", (error) => resolve(LnvmError.from(error))),
  );
  return { first, ended };
}

test("a directory watch gets the directory, and a graceful shutdown ends it with UNAVAILABLE (SHUTTING_DOWN)", async (t) => {
  const { server, address, device } = await startTestServer(
    t,
    undefined,
    clusterFlags(etcdEndpoint(), testPrefix()),
  );
  const { first, ended } = watch(t, address);
  t.deepEqual(
    (await first).devices.map((d) => [d.name, d.nodeAddress]),
    [[device, address]],
  );
  await server.shutdown();
  t.like(await ended, { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
});

test("a directory watch on a node without --etcd fails with FAILED_PRECONDITION (CLUSTER_DISABLED)", async (t) => {
  const { address } = await startTestServer(t);
  const { ended } = watch(t, address);
  t.like(await ended, { codeName: "FAILED_PRECONDITION", reason: "CLUSTER_DISABLED" });
});
