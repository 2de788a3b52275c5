import test from "ava";
import { ChunkState } from "../../clients/ts/index.js";
import { injectModelFaults } from "../../native/binding/index.js";
import { eraseCommand, readCommand, writeCommand } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("faults injected into the image arrive as the drive's completion statuses", async (t) => {
  const { client, device } = await startTestServer(t, G, [], async (image) => {
    await injectModelFaults(image, ["read-error", "0/0/0/2", "1"]);
    await injectModelFaults(image, ["write-fault", "0/0/1"]);
    await injectModelFaults(image, ["early-close", "0/0/2"]);
    await injectModelFaults(image, ["endurance", "1", "0/1/0"]);
  });
  const ctx = await client.init({ device, depth: 8 });
  const data = new Uint8Array(G.wsOpt * G.nbytes).fill(0x5a);

  await ctx.submit([writeCommand(1n, { group: 0, punit: 0, chunk: 0, sector: 0 }, G.wsOpt, data)]);
  t.is((await ctx.wait())[0]?.status?.name, "SUCCESS");
  await ctx.submit([readCommand(2n, { group: 0, punit: 0, chunk: 0, sector: 0 }, 4)]);
  const [read] = await ctx.wait();
  t.like(read?.status, { code: 0x2d0, name: "READ_HIGH_ECC" });
  t.is(read?.result, 1n << 2n); // address 2 (sector 2) only

  await ctx.submit([writeCommand(3n, { group: 0, punit: 0, chunk: 1, sector: 0 }, G.wsOpt, data)]);
  t.like((await ctx.wait())[0]?.status, { code: 0x280, name: "WRITE_FAULT" });

  await ctx.submit([writeCommand(4n, { group: 0, punit: 0, chunk: 2, sector: 0 }, G.wsOpt, data)]);
  t.like((await ctx.wait())[0]?.status, { code: 0x2f1, name: "CHUNK_EARLY_CLOSE" });

  await ctx.submit([eraseCommand(5n, { group: 0, punit: 1, chunk: 0, sector: 0 })]);
  t.is((await ctx.wait())[0]?.status?.name, "SUCCESS");
  await ctx.submit([eraseCommand(6n, { group: 0, punit: 1, chunk: 0, sector: 0 })]);
  t.like((await ctx.wait())[0]?.status, { code: 0x2c0, name: "OFFLINE_CHUNK" });

  const states = new Map<string, number>();
  for await (const c of client.reportChunks(device)) {
    states.set(`${c.group}/${c.punit}/${c.chunk}`, c.state);
  }
  t.is(states.get("0/0/2"), ChunkState.CLOSED); // closed early
  t.is(states.get("0/1/0"), ChunkState.OFFLINE); // worn out
  await ctx.term();
});
