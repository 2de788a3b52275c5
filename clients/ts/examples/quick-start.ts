// Writes 64 sectors to a free chunk, reads them back, and prints the open chunks.
// Run against a server: LNVM_ADDRESS=127.0.0.1:50051 node --import tsx clients/ts/examples/quick-start.ts
// The lines between the README markers are the README's snippet, word for word
// (test/clients/quick-start-example.test.ts checks it).
import { randomBytes } from "node:crypto";
import { ChunkState, createLnvmClient } from "../index.js";

const client = createLnvmClient(process.env["LNVM_ADDRESS"] ?? "127.0.0.1:50051");
const [device] = await client.devices();
if (!device?.geometry) throw new Error("the server has no device");
// README snippet begins
const ctx = await client.init({ device: device.name, depth: 64 });
let start = { group: 0, punit: 0, chunk: 0, sector: 0 };
for await (const c of client.reportChunks(device.name, { states: [ChunkState.FREE] })) {
  start = { group: c.group, punit: c.punit, chunk: c.chunk, sector: 0 }; // the first FREE chunk
  break;
}
const data = randomBytes(64 * device.geometry.nbytes);
console.log("write:", (await ctx.write({ start, count: 64 }, data)).status?.name);
// The last mw_cunits sectors below an open chunk's write pointer are not readable yet.
const back = await ctx.read({ start, count: 64 - device.mwCunits });
console.log("read back equal:", Buffer.from(back.data).equals(data.subarray(0, back.data.length)));
for await (const c of client.reportChunks(device.name, { states: [ChunkState.OPEN] })) {
  console.log(`chunk ${c.group}/${c.punit}/${c.chunk}: OPEN, write pointer ${c.writePointer}`);
}
await ctx.term();
// README snippet ends
client.close();
