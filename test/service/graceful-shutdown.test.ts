import test from "ava";
import type { Completion } from "../../clients/ts/index.js";
import { LnvmError } from "../../clients/ts/index.js";
import { freshWrites } from "../helpers/commands.js";
import { openCompletionStream } from "../helpers/completion-stream.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { nextCall } from "../helpers/next-call.js";
import { servedContext } from "../helpers/served-context.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("shutdown with I/O in flight delivers every completion to the stream, then ends it with UNAVAILABLE (SHUTTING_DOWN)", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 32 });
  const { call, errors } = openCompletionStream(t, client, ctx.id);
  const received: Completion[] = [];
  call.on("data", (message: { completions: Completion[] }) =>
    received.push(...message.completions),
  );
  const ended = new Promise<void>((resolve) => call.on("close", resolve));
  await ctx.submit(freshWrites(32, G, G.wsMin));
  await server.shutdown();
  await ended;
  t.is(received.length, 32);
  t.deepEqual(
    received.map((c) => c.sequence),
    Array.from({ length: 32 }, (_, i) => BigInt(i + 1)),
  );
  t.like(LnvmError.from(errors[0]), { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
});

test("a shutting-down server refuses new contexts with UNAVAILABLE", async (t) => {
  const { client, device, server } = await startTestServer(t);
  server.contexts.refuseNew();
  const error = await t.throwsAsync(client.init({ device, depth: 4 }), { instanceOf: LnvmError });
  t.like(error, { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
});

test("shutdown refuses a Submit waiting for room with UNAVAILABLE instead of waiting for it", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 4 });
  await ctx.submit(freshWrites(4, G, G.wsMin));
  const served = servedContext(server, ctx.id);
  const asked = nextCall(served.admission, "admit");
  const waiting = ctx.submit(freshWrites(1, G, G.wsMin, 10n), { waitForRoomMs: 60_000 });
  await asked;
  t.is(served.admission.waiting, 1);
  const shutdown = server.shutdown();
  const error = await t.throwsAsync(waiting, { instanceOf: LnvmError });
  t.like(error, { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
  await shutdown;
});

test("a shutting-down server refuses new sessions and Submits with UNAVAILABLE", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 4 });
  server.contexts.refuseNew();
  const submit = await t.throwsAsync(ctx.submit(freshWrites(1, G, G.wsMin)), {
    instanceOf: LnvmError,
  });
  t.like(submit, { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
  const session = await t.throwsAsync(
    ctx.write(
      { start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: G.wsMin },
      new Uint8Array(G.wsMin * G.nbytes),
    ),
    { instanceOf: LnvmError },
  );
  t.like(session, { codeName: "UNAVAILABLE", reason: "SHUTTING_DOWN" });
});
