import type { Logger } from "pino";

/**
 * What an audit line records. Never a token, a key or any other secret: the principal is an
 * identity (URI SAN, CN or the name a token was issued to), never the credential.
 */
export interface AuditEvent {
  /** undefined when the caller could not be authenticated. */
  readonly principal: string | undefined;
  /** The full method path, e.g. `/lightnvm.v1.AsyncContextService/Term`. */
  readonly rpc: string;
  readonly device?: string;
  readonly contextId?: string;
  /** The caller's address, when the line is about an unauthenticated call. */
  readonly peer?: string;
  readonly reason: string;
}

/**
 * One structured log line (`"audit": "denied"`, at warn) for a request refused for who sent
 * it: unauthenticated, not permitted, or over quota.
 */
export function auditDenied(log: Logger, event: AuditEvent): void {
  log.warn({ audit: "denied", ...event }, "request denied");
}

/** What a context audit line records. */
export interface ContextAuditEvent {
  /** Who created or terminated it; for a lease or shutdown, the owner. */
  readonly principal: string;
  readonly device: string;
  readonly contextId: string;
  /** What ended it, for a termination. */
  readonly cause?: "Term" | "lease" | "shutdown";
}

/**
 * One structured log line (`"audit": "context created"` or `"context terminated"`, at info) for
 * a context's creation or end (Term, lease, shutdown).
 */
export function auditContext(
  log: Logger,
  action: "created" | "terminated",
  event: ContextAuditEvent,
): void {
  log.info({ audit: `context ${action}`, ...event }, `context ${action}`);
}
