import test from "ava";
import { ChunkState, createLnvmClient, type LnvmClient } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { writePolicyFile } from "../helpers/policy-file.js";
import { scrapeMetrics } from "../helpers/prometheus-text.js";
import { startTestServer } from "../helpers/test-server.js";
import { writeTokenFile } from "../helpers/token-file.js";

const g = GEOMETRIES.small;
const DEVICE = "device.img";

/** The chunk counts of a caller's Stats of the device, by state. */
async function chunkCounts(client: LnvmClient): Promise<Record<string, number>> {
  const stats = await client.stats({ device: DEVICE, includeChunks: true });
  return Object.fromEntries(
    (stats.devices[0]?.chunks ?? []).map((c) => [ChunkState[c.state], Number(c.count)]),
  );
}

test("Stats counts only the chunks a partitioned caller may report on, as its chunk report does; the metrics count all", async (t) => {
  const tokenFile = await writeTokenFile(t, { "tenant-a": "token-a", "tenant-b": "token-b" });
  const rights = ["read", "write", "report"];
  const policy = await writePolicyFile(t, {
    grants: [
      { principal: "tenant-a", device: DEVICE, rights, punits: { first: 0, last: 0 } },
      { principal: "tenant-b", device: DEVICE, rights, punits: { first: 1, last: 1 } },
    ],
  });
  const {
    server,
    address,
    client: tenantA,
  } = await startTestServer(
    t,
    g,
    ["--token-file", tokenFile, "--policy", policy, "--metrics-listen", "127.0.0.1:0"],
    undefined,
    { token: "token-a" },
  );
  const tenantB = createLnvmClient(address, { token: "token-b" });
  t.teardown(() => tenantB.close());
  // tenant-b opens one chunk of its unit.
  const ctx = await tenantB.init({ device: DEVICE, depth: 2 });
  const written = await ctx.write(
    { start: { group: 0, punit: 1, chunk: 3, sector: 0 }, count: g.wsMin },
    new Uint8Array(g.wsMin * g.nbytes),
  );
  t.is(written.status?.name, "SUCCESS");
  await ctx.term();

  t.deepEqual(await chunkCounts(tenantA), { FREE: g.nchunk, CLOSED: 0, OPEN: 0, OFFLINE: 0 });
  t.deepEqual(await chunkCounts(tenantB), { FREE: g.nchunk - 1, CLOSED: 0, OPEN: 1, OFFLINE: 0 });
  let reported = 0;
  for await (const _ of tenantA.reportChunks(DEVICE)) reported++;
  t.is(reported, g.nchunk, "tenant-a's chunk report holds as many chunks");

  const samples = await scrapeMetrics(server.metricsAddress ?? "");
  t.is(samples.get(`lnvmd_device_chunks{device="${DEVICE}",state="free"}`), 2 * g.nchunk - 1);
  t.is(samples.get(`lnvmd_device_chunks{device="${DEVICE}",state="open"}`), 1);
});
