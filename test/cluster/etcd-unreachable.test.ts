import test from "ava";
import { freeLoopbackPort } from "../helpers/free-port.js";
import { failedServerStart } from "../helpers/lnvmd-process.js";
import { createNamedImages, nodeArgs, testPrefix } from "./helpers/cluster-fixture.js";

test("a node that cannot reach etcd refuses to start, naming the endpoints", async (t) => {
  const [image] = await createNamedImages(t, ["lonely.img"]);
  const endpoint = `http://127.0.0.1:${await freeLoopbackPort()}`;
  const refused = await failedServerStart(nodeArgs([image as string], endpoint, testPrefix()));
  t.is(refused.code, 1);
  t.regex(
    refused.stderr,
    new RegExp(
      `lnvmd: could not start: cannot reach the cluster directory \\(etcd at ${endpoint}\\)`,
    ),
  );
});
