import test from "ava";
import type { Completion } from "../../clients/ts/index.js";
import { freshWrites } from "../helpers/commands.js";
import { openCompletionStream } from "../helpers/completion-stream.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { nextCall } from "../helpers/next-call.js";
import { servedContext } from "../helpers/served-context.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("a stream receives completions in sequence order, batched", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const stream = openCompletionStream(t, client, ctx.id, 0n).call;
  await ctx.submit(freshWrites(8, G, G.wsMin));
  const got: Completion[] = [];
  let messages = 0;
  for await (const message of stream) {
    messages++;
    got.push(...message.completions);
    if (got.length >= 8) break;
  }
  t.deepEqual(
    got.map((c) => c.sequence),
    [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
  );
  t.true(messages >= 1 && messages <= 8);
});

test("a second stream on one context fails with FAILED_PRECONDITION, and so do Poke and Wait", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const attached = nextCall(servedContext(server, ctx.id), "attach");
  openCompletionStream(t, client, ctx.id, 0n);
  await attached;
  const pokeError = await t.throwsAsync(ctx.poke(0));
  t.like(pokeError, { codeName: "FAILED_PRECONDITION", reason: "STREAM_ATTACHED" });
  await t.throwsAsync(ctx.wait(), { message: /stream attached/ });
  const second = openCompletionStream(t, client, ctx.id, 0n).call;
  const error = await new Promise<unknown>((resolve) => second.once("error", resolve));
  t.like(error, { code: 9 });
});

test("every completion is delivered exactly once while streams attach and detach mid-run", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 16 });
  const served = servedContext(server, ctx.id);
  const received: bigint[] = [];
  let lastSequence = 0n;
  const all = freshWrites(24, G, G.wsMin);

  const openStream = () => openCompletionStream(t, client, ctx.id, lastSequence).call;
  const take = async (stream: ReturnType<typeof openStream>, n: number) => {
    const want = received.length + n;
    for await (const message of stream) {
      for (const c of message.completions) {
        received.push(c.tag);
        lastSequence = c.sequence;
      }
      if (received.length >= want) break;
    }
  };
  /** Cancels `stream` and resolves once the server detached it. */
  const cancel = async (stream: ReturnType<typeof openStream>) => {
    const detached = nextCall(served, "detach");
    stream.cancel();
    await detached;
  };

  // Stream A takes the first batch, then detaches.
  const a = openStream();
  await ctx.submit(all.slice(0, 8));
  await take(a, 8);
  await cancel(a);
  // No stream: the second batch stays pending.
  await ctx.submit(all.slice(8, 16));
  // Stream B resumes after the last sequence seen and gets the second batch.
  const b = openStream();
  await take(b, 8 - (received.length - 8));
  await cancel(b);
  // The third batch goes to Wait.
  await ctx.submit(all.slice(16));
  for (const c of await ctx.wait()) received.push(c.tag);

  t.is(received.length, 24);
  t.deepEqual(
    [...received].sort((x, y) => Number(x - y)),
    all.map((c) => c.tag),
  );
});

test("a stream resuming after a sequence skips completions already seen", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(6, G, G.wsMin));
  // Once nothing is outstanding, every completion is pending (Wait would consume them).
  await servedContext(server, ctx.id).whenIdle();
  t.like(await ctx.info(), { pending: 6 });
  const stream = openCompletionStream(t, client, ctx.id, 4n).call;
  const sequences: bigint[] = [];
  for await (const message of stream) {
    sequences.push(...message.completions.map((c: Completion) => c.sequence));
    if (sequences.length >= 2) break;
  }
  t.deepEqual(sequences, [5n, 6n]);
});
