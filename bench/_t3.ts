import { mkdtempSync } from "node:fs";
import { create } from "@bufbuild/protobuf";
import { CommandSchema, createLnvmClient, toTarget } from "../clients/ts/index.js";
import { startServiceFixture } from "./service-fixture.js";
const dir = mkdtempSync("/tmp/lnvb/s-");
const f = await startServiceFixture(dir);
const client = createLnvmClient(f.server.address);
try {
  const ctx = await client.init({ device: f.device, depth: 32 });
  const data = new Uint8Array(4096);
  let sector = 0; let tag = 1n; let done = 0; let errs = 0; let rejects = 0; const names = new Map<string, number>();
  const mk = () => create(CommandSchema, { tag: tag++, op: { case: "write", value: { target: toTarget({ start: { group: 0, punit: 0, chunk: 40, sector: sector++ }, count: 1 }).target, data } } });
  const it = ctx.completions();
  await ctx.submit(Array.from({ length: 32 }, mk));
  for await (const batch of it) {
    for (const c of batch) { done++; if (c.status?.code) { errs++; names.set(c.status.name, (names.get(c.status.name) ?? 0) + 1); } }
    if (sector < 4000) {
      const n = Math.min(batch.length, 4000 - sector);
      const cmds = Array.from({ length: n }, mk);
      ctx.submit(cmds).catch((e) => { rejects++; if (rejects < 3) console.log(String(e)); });
    }
    if (done >= 4000) break;
  }
  console.log({ done, errs, rejects, names });
} finally { client.close(); await f.server.stop(); }
