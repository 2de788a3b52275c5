import { create } from "@bufbuild/protobuf";
import { credentials } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { ClusterServiceClient } from "../../gen/ts/lightnvm/v1/cluster_grpc.js";
import {
  WatchClusterDevicesRequestSchema,
  type WatchClusterDevicesResponse,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { type EtcdServer, startEtcd } from "../helpers/etcd-server.js";
import { startTestServer } from "../helpers/test-server.js";
import { clusterFlags, testPrefix } from "./helpers/cluster-fixture.js";

let etcd: EtcdServer;
test.before(async () => {
  etcd = await startEtcd();
});
test.after.always(async () => {
  await etcd?.stop();
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
    clusterFlags(etcd.endpoint, testPrefix()),
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
