import test from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("concurrent commands each resolve with their own completion", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const writes = Array.from({ length: 8 }, (_, i) =>
    ctx.write(
      { start: { group: 0, punit: i % 2, chunk: Math.floor(i / 2), sector: 0 }, count: G.wsMin },
      Buffer.alloc(G.wsMin * G.nbytes, i),
    ),
  );
  const completions = await Promise.all(writes);
  t.true(completions.every((c) => c.status?.code === 0));
  t.is(new Set(completions.map((c) => c.tag)).size, 8);
  const reads = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      ctx.read({
        start: { group: 0, punit: i % 2, chunk: Math.floor(i / 2), sector: 0 },
        count: 1,
      }),
    ),
  );
  // Each chunk got 4 sectors, mw_cunits is 4: nothing is readable yet, so reads return zeros.
  t.true(reads.every((c) => c.status?.code === 0 && c.data.every((b) => b === 0)));
});

test("a command the server refuses fails the commands issued behind it with the same error", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const start = { group: 0, punit: 0, chunk: 0, sector: 0 };
  const bad = ctx.write({ start, count: G.wsMin }, new Uint8Array(1));
  // Issued in a later tick: a later session message, refused with the first.
  const behind = new Promise<{ write: Promise<unknown> }>((resolve) =>
    setImmediate(() => {
      const data = new Uint8Array(G.wsMin * G.nbytes);
      resolve({ write: ctx.write({ start: { ...start, sector: G.wsMin }, count: G.wsMin }, data) });
    }),
  );
  const first = await t.throwsAsync(bad, { instanceOf: LnvmError });
  t.is(first?.fieldViolations[0]?.field, "commands[0].write.data");
  const second = await t.throwsAsync((await behind).write, { instanceOf: LnvmError });
  t.is(second, first);
  t.like(await ctx.info(), { outstanding: 0, pending: 0 });
});

test("completions() yields every completion of promise-style commands once and ends at Term", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  const seen: bigint[] = [];
  const consumer = (async () => {
    for await (const batch of ctx.completions()) seen.push(...batch.map((c) => c.sequence));
  })();
  const writes = Array.from({ length: 8 }, (_, i) =>
    ctx.write(
      { start: { group: 0, punit: i % 2, chunk: Math.floor(i / 2), sector: 0 }, count: G.wsMin },
      Buffer.alloc(G.wsMin * G.nbytes, i),
    ),
  );
  await Promise.all(writes);
  await ctx.term();
  await consumer;
  t.deepEqual(seen, [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
});
