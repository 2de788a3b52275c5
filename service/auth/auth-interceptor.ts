import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import {
  type FullResponder,
  type Metadata,
  ResponderBuilder,
  ServerInterceptingCall,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
  ServerListenerBuilder,
  type ServerMethodDefinition,
  type StatusObject,
  status,
} from "@grpc/grpc-js";
import type { Logger } from "pino";
import { ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { StorageError } from "../errors.js";
import { auditDenied } from "./audit-log.js";
import type { Authenticator } from "./authenticator.js";
import { recordPrincipal } from "./call-principal.js";
import type { Principal } from "./principal.js";

/** Reasons that refuse a request for who sent it, and so are audited. */
const AUDITED_REASONS = new Set([
  ErrorReason[ErrorReason.PERMISSION_DENIED],
  ErrorReason[ErrorReason.QUOTA_EXCEEDED],
]);

/** The ErrorInfo of a status the handlers sent, when it is one that gets audited. */
function auditedErrorInfo(sent: Parameters<FullResponder["sendStatus"]>[0]) {
  if (sent.code !== status.PERMISSION_DENIED && sent.code !== status.RESOURCE_EXHAUSTED) return;
  const bin = sent.metadata?.get("grpc-status-details-bin")[0];
  if (!Buffer.isBuffer(bin)) return;
  for (const detail of fromBinary(StatusSchema, bin).details) {
    const info = anyUnpack(detail, ErrorInfoSchema);
    if (info && AUDITED_REASONS.has(info.reason)) return info;
  }
  return undefined;
}

/**
 * A grpc-js server interceptor authenticating every call whose method `isOpen` does not exempt,
 * before its handler runs and whatever its kind (unary, streaming, bidirectional): a call that
 * fails gets UNAUTHENTICATED with a google.rpc.Status and never reaches the handler; one that
 * passes has its principal recorded for `principalOf`. Every refusal for who the caller is
 * (UNAUTHENTICATED here, PERMISSION_DENIED and QUOTA_EXCEEDED from the handlers) is audited.
 */
export function createAuthInterceptor(
  authenticator: Authenticator,
  isOpen: (path: string) => boolean,
  log: Logger,
): ServerInterceptor {
  return (
    method: ServerMethodDefinition<unknown, unknown>,
    call: ServerInterceptingCallInterface,
  ) => {
    let principal: Principal | undefined;
    const responder = new ResponderBuilder()
      .withSendStatus((sent, next) => {
        const info = principal ? auditedErrorInfo(sent) : undefined;
        if (info) {
          auditDenied(log, {
            principal: principal?.id,
            rpc: method.path,
            ...(info.metadata["device"] ? { device: info.metadata["device"] } : {}),
            ...(info.metadata["context_id"] ? { contextId: info.metadata["context_id"] } : {}),
            reason: sent.details ?? info.reason,
          });
        }
        next(sent);
      })
      .build();
    return new ServerInterceptingCall(call, {
      ...responder,
      start: (next) => {
        if (isOpen(method.path)) {
          next();
          return;
        }
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata: Metadata, accept) => {
              try {
                principal = authenticator.authenticate(metadata, call.getAuthContext());
              } catch (error) {
                const denied = StorageError.from(error);
                auditDenied(log, {
                  principal: undefined,
                  rpc: method.path,
                  peer: call.getPeer(),
                  reason: denied.message,
                });
                call.sendStatus(denied.toServiceError() as StatusObject);
                return;
              }
              recordPrincipal(metadata, principal);
              accept(metadata);
            })
            .build(),
        );
      },
    });
  };
}
