import { mkdtempSync } from "node:fs";
import { startServiceFixture } from "./service-fixture.js";
import { measureIdleServer, runServiceWorkloads } from "./service-workloads.js";
const dir = mkdtempSync("/tmp/lnvb/s-");
const t = Date.now();
const f = await startServiceFixture(dir);
console.log("ready", (Date.now() - t) / 1000);
try {
  console.table(await runServiceWorkloads(f, 3));
  console.table([await measureIdleServer(f)]);
} finally { await f.server.stop(); }
console.log((Date.now() - t) / 1000);
