import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { type ServiceError, status } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import type { LnvmClient } from "../../../clients/ts/index.js";
import { QuotaFailureSchema } from "../../../gen/ts/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../../gen/ts/google/rpc/status_pb.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { writePolicyFile } from "../../helpers/policy-file.js";
import { startTestServer } from "../../helpers/test-server.js";
import { writeTokenFile } from "../../helpers/token-file.js";

/** tenant-a may hold 2 contexts of 12 depth in all. */
async function quotaServer(t: ExecutionContext) {
  const policy = await writePolicyFile(t, {
    grants: [{ principal: "tenant-a", device: "*", rights: ["read", "write"] }],
    quotas: [{ principal: "tenant-a", max_contexts: 2, max_total_depth: 12 }],
  });
  const tokens = await writeTokenFile(t, { "tenant-a": "token-a" });
  const { client } = await startTestServer(
    t,
    GEOMETRIES.small,
    ["--token-file", tokens, "--policy", policy],
    undefined,
    { token: "token-a" },
  );
  return client;
}

/** Init through the raw stub, so the error keeps its status details. */
function rawInit(client: LnvmClient, depth: number): Promise<unknown> {
  return new Promise((resolve, reject) =>
    client.stubs.contexts.init(
      { $typeName: "lightnvm.v1.InitRequest", device: "device.img", depth, flags: 0 },
      (error, response) => (error ? reject(error) : resolve(response)),
    ),
  );
}

function quotaFailure(error: ServiceError | undefined) {
  const bin = error?.metadata.get("grpc-status-details-bin")[0];
  if (!Buffer.isBuffer(bin)) return undefined;
  for (const detail of fromBinary(StatusSchema, bin).details) {
    const failure = anyUnpack(detail, QuotaFailureSchema);
    if (failure) return failure;
  }
  return undefined;
}

test("a context beyond the principal's context quota is RESOURCE_EXHAUSTED with a QuotaFailure", async (t) => {
  const client = await quotaServer(t);
  await rawInit(client, 4);
  await rawInit(client, 4);
  const error = await t.throwsAsync<ServiceError>(rawInit(client, 4));
  t.is(error?.code, status.RESOURCE_EXHAUSTED);
  const failure = quotaFailure(error);
  t.is(failure?.violations[0]?.subject, "principal:tenant-a");
  t.regex(failure?.violations[0]?.description ?? "", /quota of 2 contexts reached \(2 open\)/);
});

test("a context whose depth takes the principal past its total depth quota is refused; a smaller one fits", async (t) => {
  const client = await quotaServer(t);
  await rawInit(client, 8);
  const error = await t.throwsAsync<ServiceError>(rawInit(client, 8));
  t.is(error?.code, status.RESOURCE_EXHAUSTED);
  t.regex(
    quotaFailure(error)?.violations[0]?.description ?? "",
    /depth 8 exceeds the total depth quota of 12 \(8 held\)/,
  );
  await t.notThrowsAsync(rawInit(client, 4));
});

test("terminating a context gives its quota back", async (t) => {
  const client = await quotaServer(t);
  const first = await client.init({ device: "device.img", depth: 6 });
  await client.init({ device: "device.img", depth: 6 });
  await first.term();
  await t.notThrowsAsync(client.init({ device: "device.img", depth: 6 }));
});
