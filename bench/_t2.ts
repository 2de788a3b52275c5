import { mkdtempSync } from "node:fs";
import { createLnvmClient } from "../clients/ts/index.js";
import { startServiceFixture } from "./service-fixture.js";
import { createRandomWritePattern } from "./io-pattern.js";
const dir = mkdtempSync("/tmp/lnvb/s-");
const f = await startServiceFixture(dir);
const client = createLnvmClient(f.server.address);
try {
  const ctx = await client.init({ device: f.device, depth: 32 });
  const region = f.regions.take(16);
  const p = createRandomWritePattern(region, 1);
  const data = new Uint8Array(4096);
  const counts = new Map<string, number>();
  const issued: string[] = [];
  let n = 0;
  await new Promise<void>((resolve) => {
    let inflight = 0;
    const issue = () => {
      if (n >= 20000) return;
      n++;
      const a = { group: 0, punit: 0, chunk: 0, sector: 0 };
      p.next(a);
      inflight++;
      const key = `${a.group}/${a.punit}/${a.chunk}/${a.sector}`;
      ctx.write({ start: a, count: 1 }, data).then((c) => {
        inflight--;
        const name = c.status?.name ?? "?";
        counts.set(name, (counts.get(name) ?? 0) + 1);
        if (c.status?.code && issued.length < 5) issued.push(`${key} ${name} result=${c.result}`);
        issue();
        if (inflight === 0) resolve();
      });
    };
    for (let i = 0; i < 32; i++) issue();
  });
  console.log(counts, issued);
  await ctx.term();
} finally { client.close(); await f.server.stop(); }
