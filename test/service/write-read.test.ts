import { randomBytes } from "node:crypto";
import test from "ava";
import { ChunkState } from "../../clients/ts/index.js";
import { GEOMETRIES, type GeometryName } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

for (const name of Object.keys(GEOMETRIES) as GeometryName[]) {
  test(`data written through the client reads back byte for byte (${name} geometry)`, async (t) => {
    const g = GEOMETRIES[name];
    const { client, device } = await startTestServer(t, g);
    const ctx = await client.init({ device, depth: 16 });
    const chunk = { group: g.npugrp - 1, punit: g.npunit - 1, chunk: g.nchunk - 1 };
    const count = 16;
    const data = randomBytes(count * g.nbytes);
    const addresses = Array.from({ length: count }, (_, sector) => ({ ...chunk, sector }));
    const written = await ctx.write(addresses, data);
    t.is(written.status?.name, "SUCCESS");

    const readable = count - g.mwCunits;
    const read = await ctx.read({ start: { ...chunk, sector: 0 }, count: readable });
    t.is(read.status?.code, 0);
    t.true(Buffer.from(read.data).equals(data.subarray(0, readable * g.nbytes)));

    const report = [];
    for await (const c of client.reportChunks(device, { states: [ChunkState.OPEN] }))
      report.push(c);
    t.is(report.length, 1);
    t.like(report[0], { ...chunk, writePointer: BigInt(count), state: ChunkState.OPEN });
    await ctx.term();
  });
}

test("device rule violations arrive as completion statuses, not RPC errors", async (t) => {
  const g = GEOMETRIES.small;
  const { client, device } = await startTestServer(t, g);
  const ctx = await client.init({ device, depth: 8 });
  const data = new Uint8Array(g.wsMin * g.nbytes);
  const ahead = await ctx.write(
    { start: { group: 0, punit: 0, chunk: 0, sector: g.wsMin }, count: g.wsMin },
    data,
  );
  t.like(ahead.status, { code: 0x2f2, sct: 2, sc: 0xf2, name: "OUT_OF_ORDER_WRITE" });
  const openReset = await ctx.write(
    { start: { group: 0, punit: 0, chunk: 1, sector: 0 }, count: g.wsMin },
    data,
  );
  t.is(openReset.status?.code, 0);
  const reset = await ctx.erase([{ group: 0, punit: 0, chunk: 1, sector: 0 }]);
  t.is(reset.status?.name, "INVALID_RESET");
  const outside = await ctx.write(
    { start: { group: 0, punit: 0, chunk: g.nchunk, sector: 0 }, count: g.wsMin },
    data,
  );
  t.not(outside.status?.code, 0);
});

test("two clients drive two contexts in parallel without mixing completions", async (t) => {
  const g = GEOMETRIES.small;
  const { client, device, address } = await startTestServer(t, g);
  const { createLnvmClient } = await import("../../clients/ts/index.js");
  const other = createLnvmClient(address);
  t.teardown(() => other.close());
  const [a, b] = await Promise.all([
    client.init({ device, depth: 8 }),
    other.init({ device, depth: 8 }),
  ]);
  const run = async (ctx: typeof a, punit: number, seed: number) => {
    const results = [];
    for (let i = 0; i < 8; i++) {
      const data = Buffer.alloc(g.wsMin * g.nbytes, seed + i);
      const start = { group: 0, punit, chunk: Math.floor(i / 8), sector: (i % 8) * g.wsMin };
      results.push(ctx.write({ start, count: g.wsMin }, data));
    }
    return Promise.all(results);
  };
  const [ra, rb] = await Promise.all([run(a, 0, 1), run(b, 1, 100)]);
  t.true([...ra, ...rb].every((c) => c.status?.code === 0));
  t.is(new Set(ra.map((c) => c.sequence)).size, 8);
  t.is(new Set(rb.map((c) => c.sequence)).size, 8);
  const back = await b.read({ start: { group: 0, punit: 1, chunk: 0, sector: 0 }, count: g.wsMin });
  t.true(Buffer.from(back.data).equals(Buffer.alloc(g.wsMin * g.nbytes, 100)));
});
