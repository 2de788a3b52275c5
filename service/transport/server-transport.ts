import { experimental, ServerCredentials } from "@grpc/grpc-js";
import { type CertificateFiles, ReloadableCertificates } from "./reloadable-certificates.js";

/**
 * How the server's connections are protected: TLS with verified client certificates, TLS alone,
 * or none (allowed on loopback and unix sockets, elsewhere only with `--insecure`).
 */
export type TransportMode = "mutual-tls" | "tls" | "plaintext";

/** The credentials a server binds with, and how to reload their files. */
export interface ServerTransport {
  readonly mode: TransportMode;
  readonly credentials: ServerCredentials;
  /** The certificates behind `credentials`; undefined for plaintext. */
  readonly certificates: ReloadableCertificates | undefined;
  /** Re-reads the certificate files (no-op for plaintext); throws CertificateError if invalid. */
  reload(): void;
}

/**
 * Builds grpc-js's own TLS credentials from `files`, or plaintext ones when `files` is
 * undefined. Throws CertificateError when a file is missing or unusable.
 */
export function createServerTransport(files: CertificateFiles | undefined): ServerTransport {
  if (!files) {
    return {
      mode: "plaintext",
      credentials: ServerCredentials.createInsecure(),
      certificates: undefined,
      reload: () => {},
    };
  }
  const certificates = new ReloadableCertificates(files);
  const mutual = certificates.verifiesClients;
  // grpc-js 1.14 declares this function's first two parameters as (CA provider, identity
  // provider) but passes them on as (identity, CA), and only the CA one may be null (it also
  // decides whether client certificates are requested). One provider serves both roles, so
  // passing it first and the CA role second (or null) is right under either reading.
  const credentials = experimental.createCertificateProviderServerCredentials(
    certificates,
    mutual ? certificates : null,
    mutual,
  );
  return {
    mode: mutual ? "mutual-tls" : "tls",
    credentials,
    certificates,
    reload: () => certificates.reload(),
  };
}
