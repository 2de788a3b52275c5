import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import test from "ava";
import { startTestServer } from "../helpers/test-server.js";

const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: proto-loader clients are untyped
type Untyped = any;

function loadService(protoFile: string, includeDir: string, path: string[]): Untyped {
  const definition = loadSync(protoFile, {
    includeDirs: [includeDir],
    keepCase: true,
    enums: String,
  });
  let node: Untyped = loadPackageDefinition(definition);
  for (const part of path) node = node[part];
  return node;
}

test("health reports SERVING for the server and both services", async (t) => {
  const { address } = await startTestServer(t);
  const healthDir = dirname(require.resolve("grpc-health-check/package.json"));
  const Health = loadService(join(healthDir, "proto/health/v1/health.proto"), healthDir, [
    "grpc",
    "health",
    "v1",
    "Health",
  ]);
  const health = new Health(address, credentials.createInsecure());
  t.teardown(() => health.close());
  for (const service of ["", "lightnvm.v1.AsyncContextService", "lightnvm.v1.DeviceService"]) {
    const response = await new Promise<Untyped>((resolve, reject) =>
      health.Check({ service }, (e: unknown, r: unknown) => (e ? reject(e) : resolve(r))),
    );
    t.is(response.status, "SERVING", service || "(server)");
  }
});

test("server reflection lists the lightnvm.v1 services and describes their files", async (t) => {
  const { address } = await startTestServer(t);
  const reflectionDir = dirname(require.resolve("@grpc/reflection/package.json"));
  const Reflection = loadService(
    join(reflectionDir, "build/proto/grpc/reflection/v1/reflection.proto"),
    join(reflectionDir, "build/proto"),
    ["grpc", "reflection", "v1", "ServerReflection"],
  );
  const reflection = new Reflection(address, credentials.createInsecure());
  t.teardown(() => reflection.close());
  const call = reflection.ServerReflectionInfo();
  const responses: Untyped[] = [];
  const done = new Promise<void>((resolve, reject) => {
    call.on("data", (r: Untyped) => {
      responses.push(r);
      if (responses.length === 2) call.end();
    });
    call.on("end", resolve);
    call.on("error", reject);
  });
  call.write({ list_services: "*" });
  call.write({ file_containing_symbol: "lightnvm.v1.AsyncContextService" });
  await done;
  const names = responses[0].list_services_response.service.map((s: Untyped) => s.name);
  t.true(names.includes("lightnvm.v1.AsyncContextService"));
  t.true(names.includes("lightnvm.v1.DeviceService"));
  t.true(responses[1].file_descriptor_response.file_descriptor_proto.length >= 1);
});
