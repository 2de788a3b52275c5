import type { Metadata } from "@grpc/grpc-js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { StorageError } from "../errors.js";
import type { Principal } from "./principal.js";

/**
 * The principal of each authenticated call, keyed by the call's request metadata object: grpc-js
 * hands the object the interceptor saw to the handler as `call.metadata`. A client cannot forge
 * an entry (nothing it sends is read back) and entries go when the call does.
 */
const principals = new WeakMap<Metadata, Principal>();

/** Records the principal `createAuthInterceptor` established for the call with `metadata`. */
export function recordPrincipal(metadata: Metadata, principal: Principal): void {
  principals.set(metadata, principal);
}

/**
 * The authenticated caller of `call`: the one call a handler of any kind (unary, server
 * streaming, bidirectional) makes to learn who it serves. Throws UNAUTHENTICATED when the call
 * did not pass the auth interceptor, which happens only for a method served without
 * authentication (health), so a handler can never act for an unknown caller.
 */
export function principalOf(call: { readonly metadata: Metadata }): Principal {
  const principal = principals.get(call.metadata);
  if (!principal) {
    throw new StorageError(ErrorReason.UNAUTHENTICATED, "the call was not authenticated", {
      metadata: { credential: "none" },
    });
  }
  return principal;
}
