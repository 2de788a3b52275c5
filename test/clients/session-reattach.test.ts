import test from "ava";
import { createLnvmClient } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTcpProxy } from "../helpers/tcp-proxy.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("commands in flight when the connection is cut settle from their real completions after the client reattaches", async (t) => {
  const { address, device } = await startTestServer(t);
  const proxy = await startTcpProxy(t, address);
  const client = createLnvmClient(proxy.address);
  t.teardown(() => client.close());
  const ctx = await client.init({ device, depth: 16 });
  const data = new Uint8Array(G.wsMin * G.nbytes);
  // Sequential writes to one chunk: a lost or repeated one would fail later ones with
  // OUT_OF_ORDER_WRITE, and a dropped completion would leave its promise pending.
  const writes = [];
  for (let sector = 0; sector < G.nsectr; sector += G.wsMin) {
    writes.push(
      ctx.write({ start: { group: 0, punit: 0, chunk: 0, sector }, count: G.wsMin }, data),
    );
    if (sector === G.nsectr / 2) {
      await writes[0];
      proxy.cutAll();
    }
  }
  const completions = await Promise.all(writes);
  t.deepEqual(
    completions.map((c) => c.status?.name),
    completions.map(() => "SUCCESS"),
  );
  t.true(proxy.accepted >= 2);
  const info = await ctx.info();
  t.is(info.submitted, BigInt(G.nsectr / G.wsMin));
  await ctx.term();
});
