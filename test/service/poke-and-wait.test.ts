import test from "ava";
import { freshWrites } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { servedContext } from "../helpers/served-context.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("Wait returns every completion once nothing is outstanding, each exactly once", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(8, G, G.wsMin));
  const completions = await ctx.wait();
  t.is(completions.length, 8);
  t.deepEqual(
    completions.map((c) => c.sequence),
    [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
  );
  t.deepEqual(
    completions.map((c) => c.tag).sort((a, b) => Number(a - b)),
    [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
  );
  t.true(completions.every((c) => c.status?.code === 0 && c.deviceLatencyNs > 0n));
  t.deepEqual(await ctx.wait(), []);
});

test("Poke returns at most max completions, oldest first", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(7, G, G.wsMin));
  // Once nothing is outstanding, all seven completions are pending on the server.
  await servedContext(server, ctx.id).whenIdle();
  const batches = [await ctx.poke(3), await ctx.poke(3), await ctx.poke(3), await ctx.poke(3)];
  t.deepEqual(
    batches.map((batch) => batch.map((c) => c.sequence)),
    [[1n, 2n, 3n], [4n, 5n, 6n], [7n], []],
  );
  const info = await ctx.info();
  t.like(info, { outstanding: 0, pending: 0, depth: 8 });
});

test("Poke with max 0 returns everything pending", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(5, G, G.wsMin));
  await servedContext(server, ctx.id).whenIdle();
  t.like(await ctx.info(), { outstanding: 0, pending: 5 });
  const all = await ctx.poke(0);
  t.deepEqual(
    all.map((c) => c.sequence),
    [1n, 2n, 3n, 4n, 5n],
  );
  t.like(await ctx.info(), { outstanding: 0, pending: 0 });
});

test("GetContext reports depth, outstanding and pending", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 16 });
  t.like(await ctx.info(), { id: ctx.id, device, depth: 16, outstanding: 0, pending: 0 });
  await ctx.submit(freshWrites(4, G, G.wsMin));
  const info = await ctx.info();
  t.is(info.outstanding + info.pending, 4);
  await ctx.wait();
  t.like(await ctx.info(), { outstanding: 0, pending: 0 });
});

test("Init with depth 0 takes the server default and above the maximum is rejected", async (t) => {
  const { client, device } = await startTestServer(t, G, [
    "--default-depth",
    "32",
    "--max-depth",
    "64",
  ]);
  t.is((await client.init({ device })).depth, 32);
  const error = await t.throwsAsync(client.init({ device, depth: 65 }));
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
});

test("the polling loop stops when nothing is outstanding", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(8, G, G.wsMin));
  await ctx.wait();
  const [served] = server.devices.list();
  t.is(served?.poller.busyCount, 0);
  t.false(served?.poller.running);
});
