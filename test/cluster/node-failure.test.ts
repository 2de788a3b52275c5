import test from "ava";
import { type ClusterChange, connectCluster } from "../../clients/ts/index.js";
import { freeLoopbackPort } from "../helpers/free-port.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import {
  createNamedImages,
  etcdForTests,
  startNode,
  TEST_LEASE_TTL_S,
  testPrefix,
} from "./helpers/cluster-fixture.js";

const etcdEndpoint = etcdForTests();

const g = GEOMETRIES.small;
/**
 * How long after the kill the device may still be listed: the TTL, plus etcd's expiry check
 * (every 500 ms) and the watch delivering the deletion.
 */
const VANISH_DEADLINE_MS = TEST_LEASE_TTL_S * 1000 + 3000;

test("a killed node's devices leave the directory within the lease TTL and return when it restarts, while contexts on other nodes go on", async (t) => {
  const prefix = testPrefix();
  const [a, b, c] = await createNamedImages(t, ["a.img", "b.img", "c.img"]);
  const [nodeA, nodeB, nodeC] = await Promise.all(
    [a, b, c].map((image) => startNode(t, [image as string], etcdEndpoint(), prefix)),
  );
  if (!nodeA || !nodeB || !nodeC) return t.fail();
  // Seeded with the node about to die: the client must go on watching through another.
  const cluster = await connectCluster([nodeA.address], { retryDelayMs: 100 });
  t.teardown(() => cluster.close());
  const changes: ClusterChange[] = [];
  cluster.onChange((change) => changes.push(change));
  t.deepEqual(
    cluster.devices().map((d) => d.name),
    ["a.img", "b.img", "c.img"],
  );

  const ctx = await cluster.init({ device: "b.img", depth: 4 });
  const data = new Uint8Array(g.wsMin * g.nbytes).fill(1);
  const at = (sector: number) => ({
    start: { group: 0, punit: 0, chunk: 0, sector },
    count: g.wsMin,
  });
  t.is((await ctx.write(at(0), data)).status?.name, "SUCCESS");

  const killedAt = Date.now();
  nodeA.child.kill("SIGKILL");
  await nodeA.exited;
  const without = await cluster.waitFor(
    (devices) => !devices.some((d) => d.name === "a.img"),
    VANISH_DEADLINE_MS,
  );
  t.log(
    `a.img left the directory ${Date.now() - killedAt} ms after the kill (TTL ${TEST_LEASE_TTL_S} s)`,
  );
  t.deepEqual(
    without.map((d) => d.name),
    ["b.img", "c.img"],
  );
  t.like(changes.at(-1), {
    kind: "removed",
    device: { name: "a.img", nodeAddress: nodeA.address },
  });
  t.throws(() => cluster.nodeOf("a.img"), { message: /not in the cluster directory/ });
  // The context on node B is untouched.
  t.is((await ctx.write(at(g.wsMin), data)).status?.name, "SUCCESS");

  const restarted = await startNode(t, [a as string], etcdEndpoint(), prefix);
  await cluster.waitFor((devices) => devices.some((d) => d.name === "a.img"), VANISH_DEADLINE_MS);
  t.is(cluster.nodeOf("a.img"), restarted.address);
  t.like(changes.at(-1), {
    kind: "added",
    device: { name: "a.img", nodeAddress: restarted.address },
  });
  const onA = await cluster.init({ device: "a.img", depth: 4 });
  t.is((await onA.write(at(0), data)).status?.name, "SUCCESS");
  t.is((await ctx.write(at(2 * g.wsMin), data)).status?.name, "SUCCESS");
  await onA.term();
  await ctx.term();
});

/** A lease far longer than the test: only revoking it can remove a device in time. */
const LONG_LEASE_TTL_S = 600;

test("a node that shuts down gracefully leaves the directory at once, without waiting for its lease", async (t) => {
  const prefix = testPrefix();
  const [a, b] = await createNamedImages(t, ["a.img", "b.img"]);
  const [nodeA, nodeB] = await Promise.all(
    [a, b].map((image) =>
      startNode(t, [image as string], etcdEndpoint(), prefix, LONG_LEASE_TTL_S),
    ),
  );
  if (!nodeA || !nodeB) return t.fail();
  const cluster = await connectCluster([nodeB.address]);
  t.teardown(() => cluster.close());
  t.is(cluster.devices().length, 2);
  nodeA.child.kill("SIGTERM");
  t.is(await nodeA.exited, 0);
  await cluster.waitFor((devices) => devices.length === 1, (LONG_LEASE_TTL_S * 1000) / 10);
  t.deepEqual(
    cluster.devices().map((d) => d.name),
    ["b.img"],
  );
});

test("a node restarted at the same address before its lease expired takes its own devices over", async (t) => {
  const prefix = testPrefix();
  const [a] = await createNamedImages(t, ["a.img"]);
  const listen = `127.0.0.1:${await freeLoopbackPort()}`;
  const first = await startNode(t, [a as string], etcdEndpoint(), prefix, LONG_LEASE_TTL_S, [
    "--listen",
    listen,
  ]);
  first.child.kill("SIGKILL");
  await first.exited;
  // Its entry is still in the directory (the lease outlives the test), yet it starts.
  const second = await startNode(t, [a as string], etcdEndpoint(), prefix, LONG_LEASE_TTL_S, [
    "--listen",
    listen,
  ]);
  const cluster = await connectCluster([second.address]);
  t.teardown(() => cluster.close());
  t.deepEqual(
    cluster.devices().map((d) => [d.name, d.nodeAddress]),
    [["a.img", listen]],
  );
});
