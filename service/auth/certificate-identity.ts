import type { PeerCertificate } from "node:tls";

/**
 * The principal id a verified client certificate names: its first URI subject alternative name
 * (a SPIFFE id such as `spiffe://example.org/tenant-a`), else its subject common name;
 * undefined when it has neither.
 */
export function certificateIdentity(certificate: PeerCertificate): string | undefined {
  // Node renders SANs as `DNS:a, URI:spiffe://x/y, IP Address:…`; a URI holds no ", ".
  for (const entry of certificate.subjectaltname?.split(", ") ?? []) {
    if (entry.startsWith("URI:")) return entry.slice("URI:".length);
  }
  const cn = certificate.subject?.CN;
  // A repeated attribute arrives as an array; the last CN is the most specific.
  const name = Array.isArray(cn) ? cn.at(-1) : cn;
  return name ? name : undefined;
}
