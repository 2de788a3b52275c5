import type { FieldViolation } from "../errors.js";

/**
 * What a guarded deserializer returns instead of a message it refused to decode
 * (`guardServiceDefinition`). grpc-js turns an exception thrown while deserializing into
 * INTERNAL, so the refusal travels as a value and `rejectInvalidRequests` answers it with
 * INVALID_ARGUMENT before any handler sees it.
 */
export class RejectedRequest {
  readonly violation: FieldViolation;

  constructor(violation: FieldViolation) {
    this.violation = violation;
  }
}
