import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PeerCertificate } from "node:tls";
import test from "ava";
import { certificateIdentity } from "../../../service/auth/certificate-identity.js";
import { createTestCertificates } from "../../helpers/test-certificates.js";

/** The fields of a PeerCertificate that identity reads, from a real certificate file. */
async function peerCertificate(file: string): Promise<PeerCertificate> {
  const x509 = new X509Certificate(await readFile(file));
  const cn = /CN=([^\n]+)/.exec(x509.subject)?.[1];
  return { subject: { CN: cn }, subjectaltname: x509.subjectAltName } as unknown as PeerCertificate;
}

test("a client certificate's URI SAN is its principal, else its subject CN", async (t) => {
  const certs = await createTestCertificates(t, {
    spiffe: "spiffe://lnvm.test/tenant-a",
    plain: "tenant-b",
  });
  t.is(
    certificateIdentity(await peerCertificate(join(certs.dir, "spiffe.crt"))),
    "spiffe://lnvm.test/tenant-a",
  );
  t.is(certificateIdentity(await peerCertificate(join(certs.dir, "plain.crt"))), "tenant-b");
});

test("a certificate with neither a URI SAN nor a CN names no principal", (t) => {
  t.is(
    certificateIdentity({ subject: {}, subjectaltname: "DNS:host" } as unknown as PeerCertificate),
    undefined,
  );
});
