import test from "ava";
import { connectCluster } from "../../clients/ts/index.js";
import { failedServerStart } from "../helpers/lnvmd-process.js";
import {
  createNamedImages,
  etcdForTests,
  nodeArgs,
  startNode,
  testPrefix,
} from "./helpers/cluster-fixture.js";

const etcdEndpoint = etcdForTests();

test("a node whose device name is taken refuses to start, naming the node that holds it, and registers none of its devices", async (t) => {
  const prefix = testPrefix();
  const [first] = await createNamedImages(t, ["shared.img"]);
  const [second, other] = await createNamedImages(t, ["shared.img", "other.img"]);
  const holder = await startNode(t, [first as string], etcdEndpoint(), prefix);

  const refused = await failedServerStart(
    nodeArgs([second as string, other as string], etcdEndpoint(), prefix),
  );
  t.is(refused.code, 1);
  t.regex(
    refused.stderr,
    new RegExp(
      `lnvmd: could not start: device names must be unique in the cluster .*"shared\\.img" is served by ${holder.address.replace(/\./g, "\\.")}`,
    ),
  );

  const cluster = await connectCluster([holder.address]);
  t.teardown(() => cluster.close());
  t.deepEqual(
    cluster.devices().map((d) => [d.name, d.nodeAddress]),
    [["shared.img", holder.address]],
  );
});
