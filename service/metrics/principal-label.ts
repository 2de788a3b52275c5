import { ANONYMOUS_ID, type Principal } from "../auth/principal.js";

/** The `principal` label of every caller that authenticated but has no label of its own. */
export const OTHER_PRINCIPAL_LABEL = "other";

/**
 * The `principal` label of `principal`'s I/O, a bounded set: `anonymous` for a server that
 * requires no credentials; a bearer token's principal (one of the token file's names); a
 * certificate's principal when the policy names it in a grant or a quota; `other` for every
 * other certificate (any certificate chaining to the CA would otherwise add a label). Decided
 * once per context, when it is created, so a later reload does not move its counts.
 */
export function principalLabel(principal: Principal): string {
  if (principal.via === "none") return ANONYMOUS_ID;
  if (principal.via === "token") return principal.id;
  return principal.access.current.names(principal.id) ? principal.id : OTHER_PRINCIPAL_LABEL;
}
