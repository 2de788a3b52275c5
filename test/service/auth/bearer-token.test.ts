import { writeFile } from "node:fs/promises";
import { create } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
import test from "ava";
import { createLnvmClient, type LnvmError } from "../../../clients/ts/index.js";
import { SessionRequestSchema } from "../../../gen/ts/lightnvm/v1/async_context_pb.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { startTestServer } from "../../helpers/test-server.js";
import { tokenLine, writeTokenFile } from "../../helpers/token-file.js";

async function tokenServer(t: Parameters<typeof startTestServer>[0]) {
  const tokenFile = await writeTokenFile(t, { "tenant-a": "secret-a" });
  return startTestServer(t, GEOMETRIES.small, ["--token-file", tokenFile], undefined, {
    token: "secret-a",
  });
}

test("a call with a valid bearer token is served", async (t) => {
  const { client } = await tokenServer(t);
  t.is((await client.devices()).length, 1);
  const ctx = await client.init({ device: "device.img", depth: 4 });
  await ctx.term();
});

test("a call without credentials is UNAUTHENTICATED with an ErrorInfo saying none were given", async (t) => {
  const { address } = await tokenServer(t);
  const anonymous = createLnvmClient(address);
  t.teardown(() => anonymous.close());
  const error = await t.throwsAsync<LnvmError>(anonymous.devices());
  t.is(error?.code, status.UNAUTHENTICATED);
  t.is(error?.reason, "UNAUTHENTICATED");
  t.deepEqual(error?.metadata, { credential: "none" });
});

test("an unknown bearer token is UNAUTHENTICATED and names the token as the bad credential", async (t) => {
  const { address } = await tokenServer(t);
  const guesser = createLnvmClient(address, { token: "secret-b" });
  t.teardown(() => guesser.close());
  const error = await t.throwsAsync<LnvmError>(guesser.init({ device: "device.img" }));
  t.is(error?.code, status.UNAUTHENTICATED);
  t.is(error?.metadata["credential"], "token");
});

test("server-streaming calls are authenticated before their handler runs", async (t) => {
  const { address } = await tokenServer(t);
  const anonymous = createLnvmClient(address);
  t.teardown(() => anonymous.close());
  const report = anonymous.reportChunks("device.img")[Symbol.asyncIterator]().next();
  t.is((await t.throwsAsync<LnvmError>(report))?.code, status.UNAUTHENTICATED);
});

test("a token sent to a server without a token file is UNAUTHENTICATED", async (t) => {
  const { client } = await startTestServer(t, GEOMETRIES.small, [], undefined, {
    token: "secret-a",
  });
  const error = await t.throwsAsync<LnvmError>(client.devices());
  t.is(error?.code, status.UNAUTHENTICATED);
  t.regex(error?.message ?? "", /accepts no bearer tokens/);
});

test("a bidirectional Session without credentials is UNAUTHENTICATED before its handler runs", async (t) => {
  const { address, server } = await tokenServer(t);
  const anonymous = createLnvmClient(address);
  t.teardown(() => anonymous.close());
  const session = anonymous.stubs.contexts.session();
  t.teardown(() => session.cancel());
  const error = await new Promise<{ code?: number }>((resolve) => {
    session.on("error", resolve);
    session.on("data", () => resolve({}));
    session.write(
      create(SessionRequestSchema, {
        open: { context: { case: "init", value: { device: "device.img", depth: 4 } } },
      }),
    );
  });
  t.is(error.code, status.UNAUTHENTICATED);
  // The open.init was never acted on.
  t.is(server.contexts.size, 0);
});

test("a reload reads the token file again: a revoked token is refused, a new one accepted", async (t) => {
  const tokenFile = await writeTokenFile(t, { "tenant-a": "old-token" });
  const { server, address, client } = await startTestServer(
    t,
    GEOMETRIES.small,
    ["--token-file", tokenFile],
    undefined,
    { token: "old-token" },
  );
  t.is((await client.devices()).length, 1);
  await writeFile(tokenFile, `${tokenLine("tenant-a", "new-token")}\n`);
  await server.reload();
  t.is((await t.throwsAsync<LnvmError>(client.devices()))?.code, status.UNAUTHENTICATED);
  const renewed = createLnvmClient(address, { token: "new-token" });
  t.teardown(() => renewed.close());
  t.is((await renewed.devices()).length, 1);
});
