import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import test from "ava";
import { createLnvmClient, type LnvmError } from "../../../clients/ts/index.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { startServerProcess } from "../../helpers/lnvmd-process.js";
import { createTempImage } from "../../helpers/temp-device.js";
import { createTempDir } from "../../helpers/temp-dir.js";
import { createTestCertificates, type TestCertificates } from "../../helpers/test-certificates.js";

const G = GEOMETRIES.small;

/** Puts `certs`' server certificate, key and CA where the server reads them. */
async function install(certs: TestCertificates, dir: string): Promise<void> {
  await copyFile(certs.serverCertFile, join(dir, "server.crt"));
  await copyFile(certs.serverKeyFile, join(dir, "server.key"));
  await copyFile(certs.caFile, join(dir, "ca.crt"));
}

test("SIGHUP serves new certificates to new connections while an established session keeps working", async (t) => {
  const before = await createTestCertificates(t);
  const after = await createTestCertificates(t);
  const served = await createTempDir(t);
  await install(before, served);
  const server = await startServerProcess(t, await createTempImage(t, G), [
    "--tls-cert",
    join(served, "server.crt"),
    "--tls-key",
    join(served, "server.key"),
    "--tls-client-ca",
    join(served, "ca.crt"),
  ]);
  t.is((await server.logged("serving"))["transport"], "mutual-tls");

  const established = createLnvmClient(server.address, await before.clientOptions("client"));
  t.teardown(() => established.close());
  const ctx = await established.init({ device: "device.img", depth: 8 });
  const start = { group: 0, punit: 0, chunk: 0, sector: 0 };
  const data = new Uint8Array(G.wsMin * G.nbytes).fill(7);
  t.is((await ctx.write({ start, count: G.wsMin }, data)).status?.code, 0);

  await install(after, served);
  const reloaded = server.nextLog((e) => e["msg"] === "reloaded");
  server.child.kill("SIGHUP");
  await reloaded;

  // The session that was established before the reload goes on over its connection.
  const next = { ...start, sector: G.wsMin };
  t.is((await ctx.write({ start: next, count: G.wsMin }, data)).status?.code, 0);
  await ctx.term();

  const stale = createLnvmClient(server.address, await before.clientOptions("client"));
  t.teardown(() => stale.close());
  t.is((await t.throwsAsync<LnvmError>(stale.devices()))?.code, status.UNAVAILABLE);

  const fresh = createLnvmClient(server.address, await after.clientOptions("client"));
  t.teardown(() => fresh.close());
  t.is((await fresh.devices()).length, 1);
});

test("SIGHUP with an unreadable key keeps the previous certificates and logs why", async (t) => {
  const certs = await createTestCertificates(t);
  const served = await createTempDir(t);
  await install(certs, served);
  const server = await startServerProcess(t, await createTempImage(t, G), [
    "--tls-cert",
    join(served, "server.crt"),
    "--tls-key",
    join(served, "server.key"),
  ]);
  t.is((await server.logged("serving"))["transport"], "tls");
  await writeFile(join(served, "server.key"), "not a key\n");
  const failed = server.nextLog(
    (e) => e["msg"] === "reload failed: the previous files stay in force",
  );
  server.child.kill("SIGHUP");
  const entry = await failed;
  t.regex(JSON.stringify(entry["err"]), /--tls-cert .*server\.crt with --tls-key .*server\.key/);

  const client = createLnvmClient(server.address, await certs.clientOptions());
  t.teardown(() => client.close());
  t.is((await client.devices()).length, 1);
});
