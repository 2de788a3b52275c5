import test, { type ExecutionContext } from "ava";
import {
  createLnvmClient,
  type LnvmClient,
  type LnvmClientOptions,
} from "../../clients/ts/index.js";
import { Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { writePolicyFile } from "../helpers/policy-file.js";
import { scrapeMetrics } from "../helpers/prometheus-text.js";
import { createTestCertificates } from "../helpers/test-certificates.js";
import { startTestServer } from "../helpers/test-server.js";
import { writeTokenFile } from "../helpers/token-file.js";

const g = GEOMETRIES.small;
const DEVICE = "device.img";

/** A client of `address` closed when the test ends. */
function clientOf(t: ExecutionContext, address: string, options: LnvmClientOptions): LnvmClient {
  const client = createLnvmClient(address, options);
  t.teardown(() => client.close());
  return client;
}

/** Writes `count` ws_min units at the start of chunk `chunk` of PU 0 through a new context. */
async function writeUnits(client: LnvmClient, chunk: number, count: number): Promise<void> {
  const ctx = await client.init({ device: DEVICE, depth: 4 });
  const data = new Uint8Array(g.wsMin * g.nbytes);
  for (let i = 0; i < count; i++) {
    await ctx.write(
      { start: { group: 0, punit: 0, chunk, sector: i * g.wsMin }, count: g.wsMin },
      data,
    );
  }
  await ctx.term();
}

/** `principal`'s write commands on the device, from a scrape. */
function writesOf(samples: Map<string, number>, principal: string): number | undefined {
  return samples.get(
    `lnvmd_principal_commands_total{device="${DEVICE}",principal="${principal}",opcode="write"}`,
  );
}

/** The principal entries of a Stats response as [principal, write commands]. */
async function statsPrincipals(client: LnvmClient): Promise<[string, number][]> {
  const stats = await client.stats();
  return stats.principals.map((p) => [
    p.principal,
    Number(p.io?.opcodes.find((o) => o.opcode === Opcode.WRITE)?.commands ?? -1n),
  ]);
}

test("token principals keep their names as labels and unnamed certificate principals count as other, on /metrics and in Stats", async (t) => {
  const certs = await createTestCertificates(t, { stranger: "spiffe://lnvm.test/stranger" });
  const tokenFile = await writeTokenFile(t, { "tenant-a": "secret-a", "tenant-b": "secret-b" });
  const { server, address } = await startTestServer(
    t,
    g,
    [...certs.mutualTlsFlags, "--token-file", tokenFile, "--metrics-listen", "127.0.0.1:0"],
    undefined,
    await certs.clientOptions("stranger"),
  );
  const tls = await certs.clientOptions("stranger");
  const tenantA = clientOf(t, address, { ...tls, token: "secret-a" });
  const tenantB = clientOf(t, address, { ...tls, token: "secret-b" });
  const stranger = clientOf(t, address, tls);
  await writeUnits(tenantA, 0, 2);
  await writeUnits(tenantB, 1, 3);
  await writeUnits(stranger, 2, 1);

  const samples = await scrapeMetrics(server.metricsAddress ?? "");
  t.is(writesOf(samples, "tenant-a"), 2);
  t.is(writesOf(samples, "tenant-b"), 3);
  t.is(writesOf(samples, "other"), 1);
  t.is(writesOf(samples, "spiffe://lnvm.test/stranger"), undefined);
  t.is(samples.get(`lnvmd_device_commands_total{device="${DEVICE}",opcode="write"}`), 6);
  t.is(
    samples.get(
      `lnvmd_principal_io_bytes_total{device="${DEVICE}",principal="tenant-b",opcode="write"}`,
    ),
    3 * g.wsMin * g.nbytes,
  );
  t.is(
    samples.get(
      `lnvmd_principal_completions_total{device="${DEVICE}",principal="tenant-a",status="SUCCESS"}`,
    ),
    2,
  );

  // Stats agrees, and shows a caller only its own label (none for "other", which is shared).
  t.deepEqual(await statsPrincipals(tenantA), [["tenant-a", 2]]);
  t.deepEqual(await statsPrincipals(tenantB), [["tenant-b", 3]]);
  t.deepEqual(await statsPrincipals(stranger), []);
});

test("a certificate principal the policy names is its own label, and an admin of the device sees every principal's entry", async (t) => {
  const certs = await createTestCertificates(t, { ops: "spiffe://lnvm.test/ops" });
  const tokenFile = await writeTokenFile(t, { "tenant-a": "secret-a" });
  const policy = await writePolicyFile(t, {
    grants: [
      { principal: "tenant-a", device: DEVICE, rights: ["read", "write"] },
      { principal: "spiffe://lnvm.test/ops", device: "*", rights: ["write", "admin"] },
    ],
  });
  const { server, address } = await startTestServer(
    t,
    g,
    [
      ...certs.mutualTlsFlags,
      "--token-file",
      tokenFile,
      "--policy",
      policy,
      "--metrics-listen",
      "127.0.0.1:0",
    ],
    undefined,
    await certs.clientOptions("ops"),
  );
  const tls = await certs.clientOptions("ops");
  const ops = clientOf(t, address, tls);
  const tenantA = clientOf(t, address, { ...tls, token: "secret-a" });
  await writeUnits(ops, 0, 1);
  await writeUnits(tenantA, 1, 2);

  const samples = await scrapeMetrics(server.metricsAddress ?? "");
  t.is(writesOf(samples, "spiffe://lnvm.test/ops"), 1);
  t.is(writesOf(samples, "tenant-a"), 2);
  t.deepEqual(await statsPrincipals(ops), [
    ["spiffe://lnvm.test/ops", 1],
    ["tenant-a", 2],
  ]);
  t.deepEqual(await statsPrincipals(tenantA), [["tenant-a", 2]]);
});

test("without credentials every command counts for the anonymous principal, which sees its entry", async (t) => {
  const { server, client } = await startTestServer(t, g, ["--metrics-listen", "127.0.0.1:0"]);
  await writeUnits(client, 0, 2);
  const samples = await scrapeMetrics(server.metricsAddress ?? "");
  t.is(writesOf(samples, "anonymous"), 2);
  t.deepEqual(await statsPrincipals(client), [["anonymous", 2]]);
  const [entry] = (await client.stats()).principals;
  t.is(entry?.contexts, 0);
  t.is(entry?.device, DEVICE);
});
