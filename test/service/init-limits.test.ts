import test from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

test("Init of an unknown device fails with NOT_FOUND and reason DEVICE_NOT_FOUND", async (t) => {
  const { client } = await startTestServer(t);
  const error = await t.throwsAsync(client.init({ device: "nope.img", depth: 4 }), {
    instanceOf: LnvmError,
  });
  t.like(error, { codeName: "NOT_FOUND", reason: "DEVICE_NOT_FOUND" });
});

test("Init with unknown flag bits fails with INVALID_ARGUMENT naming flags", async (t) => {
  const { client, device } = await startTestServer(t);
  const error = await t.throwsAsync(client.init({ device, depth: 4, flags: 0x8 }), {
    instanceOf: LnvmError,
  });
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
  t.is(error?.fieldViolations[0]?.field, "flags");
});

test("Init beyond the server's context limit fails with RESOURCE_EXHAUSTED until one ends", async (t) => {
  const { client, device } = await startTestServer(t, GEOMETRIES.small, ["--max-contexts", "2"]);
  const first = await client.init({ device, depth: 4 });
  await client.init({ device, depth: 4 });
  const error = await t.throwsAsync(client.init({ device, depth: 4 }), { instanceOf: LnvmError });
  t.like(error, { codeName: "RESOURCE_EXHAUSTED", reason: "TOO_MANY_CONTEXTS" });
  t.is(error?.metadata["max_contexts"], "2");
  await first.term();
  await t.notThrowsAsync(client.init({ device, depth: 4 }));
});

test("a chunk report filtered by an unspecified state fails with INVALID_ARGUMENT", async (t) => {
  const { client, device } = await startTestServer(t);
  const error = await t.throwsAsync(
    (async () => {
      for await (const _ of client.reportChunks(device, { states: [0] }));
    })(),
    { instanceOf: LnvmError },
  );
  t.like(error, { codeName: "INVALID_ARGUMENT" });
  t.is(error?.fieldViolations[0]?.field, "states[0]");
});
