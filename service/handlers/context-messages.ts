import { create } from "@bufbuild/protobuf";
import {
  type AsyncContext,
  AsyncContextSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import type { ServedContext } from "../contexts/served-context.js";
import { StorageError } from "../errors.js";

/** The AsyncContext message describing `context` now. */
export function describeContext(context: ServedContext): AsyncContext {
  return create(AsyncContextSchema, {
    id: context.id,
    device: context.device.name,
    depth: context.depth,
    outstanding: context.outstanding,
    pending: context.pending,
    unacknowledged: context.unacknowledged,
    heldBytes: BigInt(context.budget.used),
    heldBytesLimit: BigInt(context.budget.limit),
    submitted: BigInt(context.submitted),
  });
}

/** FAILED_PRECONDITION (STREAM_ATTACHED): a session or stream already takes the completions. */
export function consumerAttached(context: ServedContext): StorageError {
  return new StorageError(
    ErrorReason.STREAM_ATTACHED,
    `context ${context.id} has a session or completion stream attached: completions go to it`,
    { metadata: { context_id: context.id } },
  );
}

/** UNAVAILABLE (SHUTTING_DOWN) for work refused once the server shuts down. */
export function shuttingDown(what: string): StorageError {
  return new StorageError(ErrorReason.SHUTTING_DOWN, `server is shutting down: ${what}`);
}

/** A google.protobuf.Duration in milliseconds; unset is 0. */
export function durationMs(duration: { seconds: bigint; nanos: number } | undefined): number {
  if (!duration) return 0;
  return Number(duration.seconds) * 1000 + duration.nanos / 1e6;
}
