import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";
import type { experimental } from "@grpc/grpc-js";

type CertificateProvider = experimental.CertificateProvider;
type CaListener = experimental.CaCertificateUpdateListener;
type IdentityListener = experimental.IdentityCertificateUpdateListener;

/** PEM files of the server's TLS identity and, for mutual TLS, the CA its clients must chain to. */
export interface CertificateFiles {
  /** The server certificate chain (PEM). */
  readonly certFile: string;
  /** The private key of `certFile` (PEM). */
  readonly keyFile: string;
  /** CA certificates (PEM) that client certificates must chain to; undefined: no client certificates. */
  readonly clientCaFile: string | undefined;
}

/** A certificate file that could not be read or does not form a usable TLS identity. */
export class CertificateError extends Error {
  override readonly name = "CertificateError";
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

interface LoadedCertificates {
  readonly certificate: Buffer;
  readonly privateKey: Buffer;
  readonly caCertificate: Buffer | undefined;
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CertificateError(
      `${what} ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Reads the files and checks them with Node's own TLS layer (the key must match the certificate,
 * every PEM must parse), so a bad file is reported by name instead of grpc-js silently dropping
 * every connection.
 */
function loadCertificates(files: CertificateFiles): LoadedCertificates {
  const certificate = readPem(files.certFile, "--tls-cert");
  const privateKey = readPem(files.keyFile, "--tls-key");
  const caCertificate =
    files.clientCaFile === undefined ? undefined : readPem(files.clientCaFile, "--tls-client-ca");
  try {
    createSecureContext({ cert: certificate, key: privateKey });
  } catch (error) {
    throw new CertificateError(
      `--tls-cert ${files.certFile} with --tls-key ${files.keyFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (caCertificate) {
    try {
      // Node's TLS layer skips PEM blocks it cannot parse, so each is parsed here.
      const blocks = caCertificate.toString("latin1").match(PEM_CERTIFICATE) ?? [];
      if (blocks.length === 0) throw new Error("no PEM certificate in the file");
      for (const block of blocks) new X509Certificate(block);
    } catch (error) {
      throw new CertificateError(
        `--tls-client-ca ${files.clientCaFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { certificate, privateKey, caCertificate };
}

/**
 * The server's certificates as a grpc-js `CertificateProvider`: read and checked once at
 * construction (throws CertificateError), and again on `reload()`. grpc-js hands each update to
 * its listening TLS servers (`setSecureContext`), which applies it to new handshakes only:
 * connections already established keep running.
 */
export class ReloadableCertificates implements CertificateProvider {
  readonly #files: CertificateFiles;
  #loaded: LoadedCertificates;
  readonly #caListeners = new Set<CaListener>();
  readonly #identityListeners = new Set<IdentityListener>();

  constructor(files: CertificateFiles) {
    this.#files = files;
    this.#loaded = loadCertificates(files);
  }

  /** The certificate chain and key in force (PEM), for a listener other than grpc-js's. */
  get identity(): { readonly certificate: Buffer; readonly privateKey: Buffer } {
    return this.#identityUpdate();
  }

  /** Whether client certificates are requested and verified (mutual TLS). */
  get verifiesClients(): boolean {
    return this.#files.clientCaFile !== undefined;
  }

  /**
   * Reads the files again and, when they are valid, serves them from the next handshake on.
   * Throws CertificateError and keeps the previous certificates when they are not.
   */
  reload(): void {
    this.#loaded = loadCertificates(this.#files);
    // Identity first: grpc-js recomputes the TLS context on each update and needs both parts.
    for (const listener of this.#identityListeners) listener(this.#identityUpdate());
    for (const listener of this.#caListeners) listener(this.#caUpdate());
  }

  // The first update of a new listener is delivered on a microtask: grpc-js registers the
  // watcher that applies updates to its TLS server only after adding these listeners, so a
  // synchronous first update would be lost (and every connection dropped as "unloaded").
  addCaCertificateListener(listener: CaListener): void {
    this.#caListeners.add(listener);
    queueMicrotask(() => {
      if (this.#caListeners.has(listener)) listener(this.#caUpdate());
    });
  }

  removeCaCertificateListener(listener: CaListener): void {
    this.#caListeners.delete(listener);
  }

  addIdentityCertificateListener(listener: IdentityListener): void {
    this.#identityListeners.add(listener);
    queueMicrotask(() => {
      if (this.#identityListeners.has(listener)) listener(this.#identityUpdate());
    });
  }

  removeIdentityCertificateListener(listener: IdentityListener): void {
    this.#identityListeners.delete(listener);
  }

  #caUpdate() {
    const { caCertificate } = this.#loaded;
    return caCertificate ? { caCertificate } : null;
  }

  #identityUpdate() {
    return { certificate: this.#loaded.certificate, privateKey: this.#loaded.privateKey };
  }
}
