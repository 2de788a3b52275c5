import { create } from "@bufbuild/protobuf";
import test from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { WaitRequestSchema } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { freshWrites } from "../helpers/commands.js";
import { openCompletionStream } from "../helpers/completion-stream.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { nextCall } from "../helpers/next-call.js";
import { servedContext } from "../helpers/served-context.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("a cancelled stream leaves later completions for the next consumer", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const { call } = openCompletionStream(t, client, ctx.id);
  const first = new Promise((resolve) => call.once("data", resolve));
  await ctx.submit(freshWrites(1, G, G.wsMin));
  await first;
  const detached = nextCall(servedContext(server, ctx.id), "detach");
  call.cancel();
  // Once the server saw the cancel, Poke works again (no stream attached).
  await detached;
  t.deepEqual(await ctx.poke(0), []);
  await ctx.submit(freshWrites(5, G, G.wsMin).slice(1));
  t.is((await ctx.wait()).length, 4);
});

test("a Submit waiting for room gives up when its deadline passes and submits nothing", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 4 });
  await ctx.submit(freshWrites(4, G, G.wsMin));
  const more = freshWrites(1, G, G.wsMin, 99n);
  const error = await new Promise<unknown>((resolve) =>
    client.stubs.contexts.submit(
      {
        $typeName: "lightnvm.v1.SubmitRequest",
        contextId: ctx.id,
        commands: more,
        waitForRoom: { $typeName: "google.protobuf.Duration", seconds: 60n, nanos: 0 },
      },
      { deadline: Date.now() + 200 },
      (e) => resolve(e),
    ),
  );
  t.like(LnvmError.from(error), { codeName: "DEADLINE_EXCEEDED" });
  const completions = await ctx.wait();
  t.deepEqual(
    completions.map((c) => c.tag).sort((a, b) => Number(a - b)),
    [1n, 2n, 3n, 4n],
  );
  t.is((await ctx.info()).outstanding, 0);
});

test("a Wait cancelled by its deadline consumes no completion", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(3, G, G.wsMin));
  const error = await new Promise<unknown>((resolve) =>
    client.stubs.contexts.wait(
      create(WaitRequestSchema, { contextId: ctx.id }),
      { deadline: Date.now() - 1 },
      (e) => resolve(e),
    ),
  );
  t.like(LnvmError.from(error), { codeName: "DEADLINE_EXCEEDED" });
  t.is((await ctx.wait()).length, 3);
});
