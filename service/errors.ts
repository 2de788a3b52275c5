import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import {
  BadRequestSchema,
  ErrorInfoSchema,
  QuotaFailureSchema,
} from "../gen/ts/google/rpc/error_details_pb.js";
import { StatusSchema } from "../gen/ts/google/rpc/status_pb.js";
import { ErrorReason } from "../gen/ts/lightnvm/v1/error_reason_pb.js";
import { NativeError } from "../native/binding/index.js";

/** Domain of every ErrorInfo this service sends. */
export const ERROR_DOMAIN = "lightnvm.v1";

/** The one table from a storage error's reason to its gRPC status code. */
const GRPC_CODE: Record<ErrorReason, status> = {
  [ErrorReason.UNSPECIFIED]: status.UNKNOWN,
  [ErrorReason.DEVICE_NOT_FOUND]: status.NOT_FOUND,
  [ErrorReason.CONTEXT_NOT_FOUND]: status.NOT_FOUND,
  [ErrorReason.INVALID_REQUEST]: status.INVALID_ARGUMENT,
  [ErrorReason.QUEUE_FULL]: status.RESOURCE_EXHAUSTED,
  [ErrorReason.TOO_MANY_CONTEXTS]: status.RESOURCE_EXHAUSTED,
  [ErrorReason.STREAM_ATTACHED]: status.FAILED_PRECONDITION,
  [ErrorReason.SHUTTING_DOWN]: status.UNAVAILABLE,
  [ErrorReason.DEVICE_ERROR]: status.INTERNAL,
  [ErrorReason.CREDIT_EXCEEDED]: status.RESOURCE_EXHAUSTED,
  [ErrorReason.CLUSTER_DISABLED]: status.FAILED_PRECONDITION,
  [ErrorReason.CLUSTER_UNAVAILABLE]: status.UNAVAILABLE,
  [ErrorReason.UNAUTHENTICATED]: status.UNAUTHENTICATED,
  [ErrorReason.PERMISSION_DENIED]: status.PERMISSION_DENIED,
  [ErrorReason.QUOTA_EXCEEDED]: status.RESOURCE_EXHAUSTED,
};

/** One invalid field of a request, as google.rpc.BadRequest reports it. */
export interface FieldViolation {
  /** Path of the field, e.g. `commands[3].write.data`. */
  readonly field: string;
  readonly description: string;
}

/** One quota a request would exceed, as google.rpc.QuotaFailure reports it. */
export interface QuotaViolation {
  /** Who the quota applies to, e.g. `principal:spiffe://example.org/tenant-a`. */
  readonly subject: string;
  readonly description: string;
}

/**
 * A failed storage operation with a closed reason code. It becomes a gRPC error exactly once,
 * at the handler boundary (`toServiceError`), carrying a google.rpc.Status with an ErrorInfo
 * and, for invalid requests, a BadRequest; for exceeded quotas, a QuotaFailure.
 */
export class StorageError extends Error {
  override readonly name = "StorageError";
  readonly reason: ErrorReason;
  readonly metadata: Readonly<Record<string, string>>;
  readonly violations: readonly FieldViolation[];
  readonly quotaViolations: readonly QuotaViolation[];

  constructor(
    reason: ErrorReason,
    message: string,
    options: {
      metadata?: Record<string, string>;
      violations?: readonly FieldViolation[];
      quotaViolations?: readonly QuotaViolation[];
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.reason = reason;
    this.metadata = options.metadata ?? {};
    this.violations = options.violations ?? [];
    this.quotaViolations = options.quotaViolations ?? [];
  }

  /** The gRPC status code of this error's reason. */
  get code(): status {
    return GRPC_CODE[this.reason];
  }

  /**
   * Normalises anything thrown below a handler: a StorageError stays as it is, a NativeError
   * becomes DEVICE_ERROR naming the C function and errno, and the rest DEVICE_ERROR too.
   */
  static from(reason: unknown): StorageError {
    if (reason instanceof StorageError) return reason;
    if (reason instanceof NativeError) {
      return new StorageError(ErrorReason.DEVICE_ERROR, reason.message, {
        metadata: { function: reason.fn, errno: reason.code },
        cause: reason,
      });
    }
    const message = reason instanceof Error ? reason.message : String(reason);
    return new StorageError(ErrorReason.DEVICE_ERROR, `internal error: ${message}`, {
      cause: reason,
    });
  }

  /** The grpc-js error: code, message and the `grpc-status-details-bin` trailer. */
  toServiceError(): Partial<ServiceError> {
    const details = [
      anyPack(
        ErrorInfoSchema,
        create(ErrorInfoSchema, {
          reason: ErrorReason[this.reason],
          domain: ERROR_DOMAIN,
          metadata: { ...this.metadata },
        }),
      ),
    ];
    if (this.violations.length > 0) {
      details.push(
        anyPack(
          BadRequestSchema,
          create(BadRequestSchema, { fieldViolations: this.violations.map((v) => ({ ...v })) }),
        ),
      );
    }
    if (this.quotaViolations.length > 0) {
      details.push(
        anyPack(
          QuotaFailureSchema,
          create(QuotaFailureSchema, { violations: this.quotaViolations.map((v) => ({ ...v })) }),
        ),
      );
    }
    const statusProto = create(StatusSchema, { code: this.code, message: this.message, details });
    const metadata = new Metadata();
    metadata.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, statusProto)));
    return { code: this.code, details: this.message, metadata };
  }
}

/** A NOT_FOUND for a context id. */
export function contextNotFound(contextId: string): StorageError {
  return new StorageError(
    ErrorReason.CONTEXT_NOT_FOUND,
    `context ${JSON.stringify(contextId)} not found`,
    {
      metadata: { context_id: contextId },
    },
  );
}

/** An INVALID_ARGUMENT listing `violations`; the message names the first. */
export function invalidRequest(violations: readonly FieldViolation[]): StorageError {
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : "";
  return new StorageError(
    ErrorReason.INVALID_REQUEST,
    first ? `${first.field}: ${first.description}${more}` : "invalid request",
    { violations },
  );
}
