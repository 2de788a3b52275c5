import test from "ava";
import { writeCommand } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { nextCall } from "../helpers/next-call.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("Submits waiting for room are served first come, first served", async (t) => {
  const { client, device, server } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 4 });
  const data = new Uint8Array(G.wsMin * G.nbytes);
  const at = (punit: number, chunk: number, sector: number) => ({ group: 0, punit, chunk, sector });
  // Fill the depth with writes to other chunks.
  await ctx.submit(
    [0, 1, 2, 3].map((i) => writeCommand(BigInt(i + 1), at(1, i, 0), G.wsMin, data)),
  );
  const [served] = server.contexts.list();
  if (!served) throw new Error("no context");
  // A needs two slots and waits first; B needs one and waits behind it. Both write chunk 0/0/0
  // in order, so B overtaking A would fail with OUT_OF_ORDER_WRITE.
  const aWaits = nextCall(served.admission, "admit");
  const a = ctx.submit(
    [
      writeCommand(11n, at(0, 0, 0), G.wsMin, data),
      writeCommand(12n, at(0, 0, G.wsMin), G.wsMin, data),
    ],
    { waitForRoomMs: 30_000 },
  );
  await aWaits;
  t.is(served.admission.waiting, 1);
  const bWaits = nextCall(served.admission, "admit");
  const b = ctx.submit([writeCommand(13n, at(0, 0, 2 * G.wsMin), G.wsMin, data)], {
    waitForRoomMs: 30_000,
  });
  await bWaits;
  t.is(served.admission.waiting, 2);
  // Free the room one completion at a time: after the first, only B would fit. Once nothing is
  // outstanding, at least one completion is pending, so each Poke of one returns exactly one.
  const collected = [];
  for (let i = 0; i < 7; i++) {
    await served.whenIdle();
    const one = await ctx.poke(1);
    t.is(one.length, 1);
    collected.push(...one);
  }
  await Promise.all([a, b]);
  t.true(
    collected.every((c) => c.status?.code === 0),
    JSON.stringify(collected.map((c) => c.status?.name)),
  );
  // One chunk's writes complete in submission order: A's two, then B's.
  t.deepEqual(
    collected.map((c) => c.tag).filter((tag) => tag > 10n),
    [11n, 12n, 13n],
  );
});
