import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import pino from "pino";
import { loadConfig } from "../../../service/config.js";
import { startServer } from "../../../service/server.js";
import { CertificateError } from "../../../service/transport/reloadable-certificates.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { createTempImage } from "../../helpers/temp-device.js";
import { createTestCertificates } from "../../helpers/test-certificates.js";

async function start(image: string, flags: readonly string[]) {
  const config = loadConfig(["--listen", "127.0.0.1:0", "--device", image, ...flags], {});
  if (!config) throw new Error("unexpected --help");
  return startServer(config, pino({ level: "silent" }));
}

test("a missing certificate file refuses to start, naming the flag and the file", async (t) => {
  const image = await createTempImage(t, GEOMETRIES.small);
  const error = await t.throwsAsync(
    start(image, ["--tls-cert", "/nonexistent/server.crt", "--tls-key", "/nonexistent/server.key"]),
    { instanceOf: CertificateError },
  );
  t.regex(error?.message ?? "", /^--tls-cert \/nonexistent\/server\.crt: ENOENT/);
});

test("a key that does not match the certificate refuses to start", async (t) => {
  const image = await createTempImage(t, GEOMETRIES.small);
  const certs = await createTestCertificates(t, { other: "spiffe://lnvm.test/other" });
  const error = await t.throwsAsync(
    start(image, ["--tls-cert", certs.serverCertFile, "--tls-key", join(certs.dir, "other.key")]),
    { instanceOf: CertificateError },
  );
  t.regex(error?.message ?? "", /with --tls-key .*other\.key: .*mismatch/);
});

test("a client CA file that holds no certificate refuses to start", async (t) => {
  const image = await createTempImage(t, GEOMETRIES.small);
  const certs = await createTestCertificates(t);
  const bogus = join(certs.dir, "bogus-ca.crt");
  await writeFile(bogus, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  const flags = ["--tls-cert", certs.serverCertFile, "--tls-key", certs.serverKeyFile];
  const error = await t.throwsAsync(start(image, [...flags, "--tls-client-ca", bogus]), {
    instanceOf: CertificateError,
  });
  t.regex(error?.message ?? "", /^--tls-client-ca .*bogus-ca\.crt: /);
});
