import { status } from "@grpc/grpc-js";
import test from "ava";
import { createLnvmClient, type LnvmError } from "../../../clients/ts/index.js";
import { createTestCertificates } from "../../helpers/test-certificates.js";
import { startTestServer } from "../../helpers/test-server.js";

test("a client certificate signed by the trusted CA completes the mutual TLS handshake", async (t) => {
  const certs = await createTestCertificates(t);
  const { client } = await startTestServer(
    t,
    undefined,
    certs.mutualTlsFlags,
    undefined,
    await certs.clientOptions("client"),
  );
  const devices = await client.devices();
  t.deepEqual(
    devices.map((d) => d.name),
    ["device.img"],
  );
});

test("a client certificate from an untrusted CA is refused at the handshake", async (t) => {
  const certs = await createTestCertificates(t);
  const strangers = await createTestCertificates(t, { stranger: "spiffe://elsewhere/stranger" });
  const { address } = await startTestServer(t, undefined, certs.mutualTlsFlags);
  // Trusts the server's CA, but presents a certificate the server cannot verify.
  const client = createLnvmClient(address, await certs.clientOptions("stranger", strangers));
  t.teardown(() => client.close());
  const error = await t.throwsAsync<LnvmError>(client.devices());
  t.is(error?.code, status.UNAVAILABLE);
});

test("a client without a certificate is refused when the server requires mutual TLS", async (t) => {
  const certs = await createTestCertificates(t);
  const { address } = await startTestServer(t, undefined, certs.mutualTlsFlags);
  const client = createLnvmClient(address, await certs.clientOptions());
  t.teardown(() => client.close());
  const error = await t.throwsAsync<LnvmError>(client.devices());
  t.is(error?.code, status.UNAVAILABLE);
});

test("a plaintext client cannot talk to a TLS server", async (t) => {
  const certs = await createTestCertificates(t);
  const { address } = await startTestServer(t, undefined, certs.mutualTlsFlags);
  const client = createLnvmClient(address);
  t.teardown(() => client.close());
  const error = await t.throwsAsync<LnvmError>(client.devices());
  t.is(error?.code, status.UNAVAILABLE);
});

test("server TLS without --tls-client-ca serves clients that present no certificate", async (t) => {
  const certs = await createTestCertificates(t);
  const { client } = await startTestServer(
    t,
    undefined,
    ["--tls-cert", certs.serverCertFile, "--tls-key", certs.serverKeyFile],
    undefined,
    await certs.clientOptions(),
  );
  t.is((await client.devices()).length, 1);
});
