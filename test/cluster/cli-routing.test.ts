import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import test, { type ExecutionContext } from "ava";
import { runLnvm } from "../cli/helpers/run-lnvm.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { tempPath } from "../helpers/test-server.js";
import {
  createNamedImages,
  etcdForTests,
  startNode,
  testPrefix,
} from "./helpers/cluster-fixture.js";

const etcdEndpoint = etcdForTests();

const g = GEOMETRIES.small;

/** Three nodes under a fresh prefix, serving one.img, two.img and three.img. */
async function threeNodes(t: ExecutionContext) {
  const prefix = testPrefix();
  const images = await createNamedImages(t, ["one.img", "two.img", "three.img"]);
  const nodes = await Promise.all(
    images.map((image) => startNode(t, [image], etcdEndpoint(), prefix)),
  );
  return { prefix, addresses: nodes.map((n) => n.address) };
}

test("through a seed and through etcd, lnvm writes and reads a device served by another node", async (t) => {
  const { prefix, addresses } = await threeNodes(t);
  const [first = "", , third = ""] = addresses;
  // Every command names --address of the first node, which does not serve three.img: only
  // routing reaches it.
  const viaSeed = ["--address", first, "--seed", first];
  const viaEtcd = ["--address", first, "--etcd", etcdEndpoint(), "--etcd-prefix", prefix];
  const input = await tempPath(t, "in.bin");
  const data = randomBytes(8 * g.nbytes);
  await writeFile(input, data);

  const written = await runLnvm(["write", "three.img", "0/1/2/0-7", "--file", input, ...viaSeed]);
  t.is(written.code, 0, written.stderr);
  // The last mw_cunits sectors below the write pointer are not readable yet: write past them.
  const padded = await runLnvm(["write", "three.img", "0/1/2/8-11", "--pad", ...viaEtcd]);
  t.is(padded.code, 0, padded.stderr);

  for (const [route, flags] of [
    ["seed", viaSeed],
    ["etcd", viaEtcd],
  ] as const) {
    const output = await tempPath(t, `out-${route}.bin`);
    const read = await runLnvm(["read", "three.img", "0/1/2/0-7", "--out", output, ...flags]);
    t.is(read.code, 0, `${route}: ${read.stderr}`);
    t.deepEqual(await readFile(output), data, route);
  }

  // The data is on the third node: asked directly, it reports the chunk open at sector 12.
  const report = await runLnvm(["report", "three.img", "--json", "--address", third]);
  t.is(report.code, 0, report.stderr);
  const chunk = (
    JSON.parse(report.stdout.toString()) as { punit: number; chunk: number; writePointer: number }[]
  ).find((c) => c.punit === 1 && c.chunk === 2);
  t.is(chunk?.writePointer, 12);

  // `info` and `report` route too; `devices` asks every node over its own channel.
  const info = await runLnvm(["info", "two.img", "--json", ...viaEtcd]);
  t.is(info.code, 0, info.stderr);
  t.is((JSON.parse(info.stdout.toString()) as { name: string }).name, "two.img");
  const devices = await runLnvm(["devices", "--json", ...viaSeed]);
  t.is(devices.code, 0, devices.stderr);
  t.deepEqual(
    (JSON.parse(devices.stdout.toString()) as { name: string; nodeAddress: string }[]).map((d) => [
      d.name,
      d.nodeAddress,
    ]),
    // Node by node, in the order of their devices' names in the directory.
    [
      ["one.img", addresses[0]],
      ["three.img", addresses[2]],
      ["two.img", addresses[1]],
    ],
  );
  const listed = await runLnvm([
    "cluster",
    "--json",
    "--etcd",
    etcdEndpoint(),
    "--etcd-prefix",
    prefix,
  ]);
  t.is(listed.code, 0, listed.stderr);
  t.deepEqual(
    (JSON.parse(listed.stdout.toString()) as { name: string }[]).map((d) => d.name),
    ["one.img", "three.img", "two.img"],
  );
});

test("a device the cluster directory does not hold fails with exit 1 naming it and the cluster's devices", async (t) => {
  const { prefix, addresses } = await threeNodes(t);
  const seed = addresses[1] ?? "";
  for (const flags of [
    ["--seed", seed],
    ["--etcd", etcdEndpoint(), "--etcd-prefix", prefix],
  ]) {
    const run = await runLnvm(["read", "nowhere.img", "0/0/0/0-3", "--out", "/dev/null", ...flags]);
    t.is(run.code, 1, run.stderr);
    t.regex(
      run.stderr,
      /^lnvm read: no device "nowhere\.img" in the cluster \(directory from (seed|etcd at) .*; devices: one\.img, three\.img, two\.img\)\n$/,
    );
  }
});

test("--seed and --etcd together are a usage error; an unreachable seed is a failure naming it", async (t) => {
  const both = await runLnvm(["devices", "--seed", "127.0.0.1:1", "--etcd", etcdEndpoint()]);
  t.is(both.code, 2);
  t.regex(both.stderr, /--seed and --etcd exclude each other/);
  const down = await runLnvm(["info", "one.img", "--seed", "127.0.0.1:1"]);
  t.is(down.code, 1);
  t.regex(down.stderr, /cannot reach any seed of the cluster \(127\.0\.0\.1:1: /);
});
