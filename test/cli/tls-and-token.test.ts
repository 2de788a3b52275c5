import { join } from "node:path";
import test from "ava";
import { GEOMETRIES } from "../helpers/geometries.js";
import { createTestCertificates } from "../helpers/test-certificates.js";
import { startTestServer } from "../helpers/test-server.js";
import { writeTokenFile } from "../helpers/token-file.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("lnvm talks mutual TLS with --tls-ca, --tls-cert and --tls-key, and is refused without a client certificate", async (t) => {
  const certs = await createTestCertificates(t);
  const { address } = await startTestServer(t, GEOMETRIES.small, certs.mutualTlsFlags);
  const tls = ["--tls-ca", certs.caFile, "--tls-server-name", "localhost"];
  const client = [
    "--tls-cert",
    join(certs.dir, "client.crt"),
    "--tls-key",
    join(certs.dir, "client.key"),
  ];
  const ok = await runLnvm(["devices", "--json", ...tls, ...client], { address });
  t.is(ok.code, 0, ok.stderr);
  t.is((JSON.parse(ok.stdout.toString()) as unknown[]).length, 1);
  const refused = await runLnvm(["devices", ...tls], { address });
  t.is(refused.code, 1);
  t.regex(refused.stderr, /cannot reach lnvmd at /);
});

test("lnvm sends the bearer token of $LNVM_TOKEN, and without one the server's UNAUTHENTICATED is reported", async (t) => {
  const tokenFile = await writeTokenFile(t, { operator: "op-token" });
  const { address } = await startTestServer(t, GEOMETRIES.small, ["--token-file", tokenFile]);
  const ok = await runLnvm(["info", "device.img"], { address, env: { LNVM_TOKEN: "op-token" } });
  t.is(ok.code, 0, ok.stderr);
  const refused = await runLnvm(["info", "device.img"], { address });
  t.is(refused.code, 1);
  t.regex(refused.stderr, /UNAUTHENTICATED/);
});

test("a client certificate without its key is a usage error", async (t) => {
  const run = await runLnvm(["devices", "--tls-cert", "client.crt"], { address: "127.0.0.1:1" });
  t.is(run.code, 2);
  t.regex(run.stderr, /--tls-cert needs --tls-key/);
});
