import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { type ServiceError, status } from "@grpc/grpc-js";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/ts/google/rpc/error_details_pb.js";
import { StatusSchema } from "../../gen/ts/google/rpc/status_pb.js";

/** One invalid request field, from google.rpc.BadRequest. */
export interface LnvmFieldViolation {
  readonly field: string;
  readonly description: string;
}

/**
 * A failed lnvmd RPC: the gRPC status, and what the server's google.rpc.Status details say
 * (ErrorInfo reason and metadata, BadRequest field violations). Errors raised by the transport
 * itself (unavailable server, deadline, message too large) have no reason.
 */
export class LnvmError extends Error {
  override readonly name = "LnvmError";
  /** The gRPC status code. */
  readonly code: status;
  /** `status[code]`, e.g. `INVALID_ARGUMENT`. */
  readonly codeName: string;
  /** ErrorInfo reason, e.g. `CONTEXT_NOT_FOUND`; undefined without details. */
  readonly reason: string | undefined;
  /** ErrorInfo metadata. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly fieldViolations: readonly LnvmFieldViolation[];

  constructor(
    code: status,
    message: string,
    details: {
      reason?: string;
      metadata?: Record<string, string>;
      fieldViolations?: readonly LnvmFieldViolation[];
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
    this.code = code;
    this.codeName = status[code] ?? `CODE_${code}`;
    this.reason = details.reason;
    this.metadata = details.metadata ?? {};
    this.fieldViolations = details.fieldViolations ?? [];
  }

  /** Decodes a grpc-js error, including its `grpc-status-details-bin` trailer if present. */
  static from(error: unknown): LnvmError {
    if (error instanceof LnvmError) return error;
    const serviceError = error as Partial<ServiceError>;
    if (typeof serviceError.code !== "number") {
      return new LnvmError(status.UNKNOWN, String(error), { cause: error });
    }
    const message = serviceError.details || serviceError.message || status[serviceError.code] || "";
    const raw = serviceError.metadata?.get("grpc-status-details-bin")[0];
    if (!(raw instanceof Buffer))
      return new LnvmError(serviceError.code, message, { cause: error });
    const decoded = fromBinary(StatusSchema, raw);
    let reason: string | undefined;
    let metadata: Record<string, string> = {};
    const fieldViolations: LnvmFieldViolation[] = [];
    for (const detail of decoded.details) {
      const info = anyUnpack(detail, ErrorInfoSchema);
      if (info) {
        reason = info.reason;
        metadata = { ...info.metadata };
      }
      const badRequest = anyUnpack(detail, BadRequestSchema);
      if (badRequest) {
        for (const v of badRequest.fieldViolations) {
          fieldViolations.push({ field: v.field, description: v.description });
        }
      }
    }
    return new LnvmError(serviceError.code, decoded.message || message, {
      ...(reason === undefined ? {} : { reason }),
      metadata,
      fieldViolations,
      cause: error,
    });
  }
}
