import type { PeerCertificate } from "node:tls";
import type { Metadata } from "@grpc/grpc-js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { StorageError } from "../errors.js";
import { certificateIdentity } from "./certificate-identity.js";
import type { PolicyStore } from "./policy-store.js";
import { ANONYMOUS_ID, type Principal } from "./principal.js";
import { bearerToken, TokenTable } from "./token-file.js";

/** What a caller may present, as configured. */
export interface AuthenticationOptions {
  /** The file of hashed bearer tokens (`TokenTable`); undefined: tokens are not accepted. */
  readonly tokenFile: string | undefined;
  /** Whether the transport verifies client certificates (mutual TLS). */
  readonly clientCertificates: boolean;
  /** The policy every principal is judged by. */
  readonly access: PolicyStore;
}

/** What grpc-js knows about a call's connection (`getAuthContext()`). */
export interface ConnectionAuth {
  readonly sslPeerCertificate?: PeerCertificate;
}

function unauthenticated(credential: "none" | "token", message: string): StorageError {
  return new StorageError(ErrorReason.UNAUTHENTICATED, message, { metadata: { credential } });
}

/**
 * Turns a call's credentials into its Principal. A bearer token, when present, decides (a bad
 * one is refused even if a certificate came with it: a caller that sends a token means it);
 * else a verified client certificate; else, when neither tokens nor client certificates are
 * configured, the caller is anonymous. Anything else is UNAUTHENTICATED.
 */
export class Authenticator {
  readonly #options: AuthenticationOptions;
  #tokens: TokenTable | undefined;

  /** Reads the token file; throws TokenFileError naming the line when it is malformed. */
  constructor(options: AuthenticationOptions) {
    this.#options = options;
    this.#tokens = options.tokenFile === undefined ? undefined : TokenTable.load(options.tokenFile);
  }

  /** Whether callers must present credentials. */
  get required(): boolean {
    return this.#tokens !== undefined || this.#options.clientCertificates;
  }

  /** Re-reads the token file; on error throws and keeps the previous tokens. */
  reload(): void {
    if (this.#options.tokenFile !== undefined) {
      this.#tokens = TokenTable.load(this.#options.tokenFile);
    }
  }

  /** The caller of a call with `metadata` over `connection`; throws UNAUTHENTICATED. */
  authenticate(metadata: Metadata, connection: ConnectionAuth): Principal {
    const header = metadata.get("authorization")[0];
    if (header !== undefined) {
      const token = typeof header === "string" ? bearerToken(header) : undefined;
      const principal = token === undefined ? undefined : this.#tokens?.principalOf(token);
      if (principal === undefined) {
        throw unauthenticated(
          "token",
          this.#tokens
            ? "the bearer token is not valid"
            : "this server accepts no bearer tokens (it has no --token-file)",
        );
      }
      return { id: principal, via: "token", access: this.#options.access };
    }
    // grpc-js reports a certificate only after the TLS layer verified it against the client CA.
    const certificate = connection.sslPeerCertificate;
    if (this.#options.clientCertificates && certificate && Object.keys(certificate).length > 0) {
      const id = certificateIdentity(certificate);
      if (id !== undefined) return { id, via: "certificate", access: this.#options.access };
      throw unauthenticated("none", "the client certificate has neither a URI SAN nor a CN");
    }
    if (!this.required) return { id: ANONYMOUS_ID, via: "none", access: this.#options.access };
    throw unauthenticated(
      "none",
      "credentials required: present a client certificate or an `authorization: Bearer` token",
    );
  }
}
