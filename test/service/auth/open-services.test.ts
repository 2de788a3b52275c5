import { Client, credentials, type ServiceError, status } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { startTestServer } from "../../helpers/test-server.js";
import { writeTokenFile } from "../../helpers/token-file.js";

const identity = (bytes: Buffer) => bytes;

/** grpc.health.v1 Check of the whole server (an empty request); resolves with the raw reply. */
function healthCheck(t: ExecutionContext, address: string): Promise<Buffer> {
  const client = new Client(address, credentials.createInsecure());
  t.teardown(() => client.close());
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      identity,
      identity,
      Buffer.alloc(0),
      (error: ServiceError | null, reply?: Buffer) =>
        error ? reject(error) : resolve(reply ?? Buffer.alloc(0)),
    ),
  );
}

/** grpc.reflection.v1 `list_services` (field 7, empty); resolves with the first reply. */
function listServices(t: ExecutionContext, address: string): Promise<Buffer> {
  const client = new Client(address, credentials.createInsecure());
  t.teardown(() => client.close());
  const call = client.makeBidiStreamRequest(
    "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    identity,
    identity,
  );
  return new Promise((resolve, reject) => {
    call.on("data", (reply: Buffer) => {
      resolve(reply);
      call.end();
    });
    call.on("error", reject);
    call.write(Buffer.from([0x3a, 0x00]));
  });
}

/** HealthCheckResponse{status: SERVING}: field 1, varint 1. */
const SERVING = Buffer.from([0x08, 0x01]);

test("health checks answer callers without credentials", async (t) => {
  const tokenFile = await writeTokenFile(t, { ops: "ops-token" });
  const { address } = await startTestServer(t, GEOMETRIES.small, ["--token-file", tokenFile]);
  t.deepEqual(await healthCheck(t, address), SERVING);
});

test("reflection answers callers without credentials by default", async (t) => {
  const tokenFile = await writeTokenFile(t, { ops: "ops-token" });
  const { address } = await startTestServer(t, GEOMETRIES.small, ["--token-file", tokenFile]);
  t.regex((await listServices(t, address)).toString("latin1"), /lightnvm\.v1\.DeviceService/);
});

test("with --reflection authenticated, reflection without credentials is UNAUTHENTICATED", async (t) => {
  const tokenFile = await writeTokenFile(t, { ops: "ops-token" });
  const { address } = await startTestServer(t, GEOMETRIES.small, [
    "--token-file",
    tokenFile,
    "--reflection",
    "authenticated",
  ]);
  const error = await t.throwsAsync<ServiceError>(listServices(t, address));
  t.is(error?.code, status.UNAUTHENTICATED);
});
