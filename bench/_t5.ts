import { create } from "@bufbuild/protobuf";
import pino from "pino";
import { CommandSchema, createLnvmClient, toTarget } from "../clients/ts/index.js";
import { createModelImage } from "../native/binding/index.js";
import { loadConfig } from "../service/config.js";
import { ServedContext } from "../service/contexts/served-context.js";
import { startServer } from "../service/server.js";
import { BENCH_GEOMETRY } from "./bench-geometry.js";
await createModelImage("/tmp/lnvb/t5.img", { ...BENCH_GEOMETRY, force: true });
const seen: bigint[] = [];
const orig = ServedContext.prototype.submit;
ServedContext.prototype.submit = function (cmds) { for (const c of cmds) seen.push(c.tag); return orig.call(this, cmds); };
const config = loadConfig(["--listen", "127.0.0.1:0", "--device", "/tmp/lnvb/t5.img"], {});
if (!config) throw new Error();
const server = await startServer(config, pino({ level: "silent" }));
const client = createLnvmClient(server.address);
const ctx = await client.init({ device: "t5.img", depth: 32 });
const data = new Uint8Array(4096);
let sector = 0; let tag = 1n; let done = 0; let errs = 0;
const mk = () => create(CommandSchema, { tag: tag++, op: { case: "write", value: { target: toTarget({ start: { group: 0, punit: 0, chunk: 40, sector: sector++ }, count: 1 }).target, data } } });
const it = ctx.completions();
await ctx.submit(Array.from({ length: 32 }, mk));
for await (const batch of it) {
  for (const c of batch) { done++; if (c.status?.code) errs++; }
  if (sector < 4000) { const n = Math.min(batch.length, 4000 - sector); ctx.submit(Array.from({ length: n }, mk)); }
  if (done >= 4000) break;
}
let swaps = 0; let firstSwap = -1;
for (let i = 1; i < seen.length; i++) if ((seen[i] as bigint) < (seen[i - 1] as bigint)) { swaps++; if (firstSwap < 0) firstSwap = i; }
console.log({ done, errs, swaps, firstSwap, around: seen.slice(Math.max(0, firstSwap - 3), firstSwap + 3) });
client.close(); await server.shutdown();
