import type { PolicyStore } from "./policy-store.js";

/**
 * Who is calling: the identity every authorization decision is about. `id` is a client
 * certificate's URI SAN (e.g. `spiffe://example.org/tenant-a`) or else its subject CN, the
 * principal a bearer token was issued to, or `anonymous` when the server requires no credentials.
 */
export interface Principal {
  readonly id: string;
  /** How the caller proved it: a verified client certificate, a bearer token, or not at all. */
  readonly via: "certificate" | "token" | "none";
  /** The policy deciding what it may do (read at each decision, so reloads apply). */
  readonly access: PolicyStore;
}

/** Id of the caller of a server that requires no credentials (no token file, no mutual TLS). */
export const ANONYMOUS_ID = "anonymous";
