import { toBinary } from "@bufbuild/protobuf";
import { AsyncContextServiceDefinition } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type SessionResponse,
  SessionResponseSchema,
  type StreamCompletionsResponse,
  StreamCompletionsResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";

/**
 * The generated AsyncContextService definition, except that StreamCompletions and Session also
 * accept messages the server already encoded (`encodeCompletionBatch`,
 * `encodeSessionResponse`): they are the hot path, and encoding there by hand avoids the
 * reflective encoder and a copy of read data.
 */
export const ASYNC_CONTEXT_SERVICE_DEFINITION = {
  ...AsyncContextServiceDefinition,
  streamCompletions: {
    ...AsyncContextServiceDefinition.streamCompletions,
    responseSerialize: (message: StreamCompletionsResponse | Buffer): Buffer =>
      Buffer.isBuffer(message)
        ? message
        : Buffer.from(toBinary(StreamCompletionsResponseSchema, message)),
  },
  session: {
    ...AsyncContextServiceDefinition.session,
    responseSerialize: (message: SessionResponse | Buffer): Buffer =>
      Buffer.isBuffer(message) ? message : Buffer.from(toBinary(SessionResponseSchema, message)),
  },
};

/**
 * Writes an already encoded response to a stream of this definition; `flushed` runs once
 * grpc-js has passed it on to the socket (never for a write that failed: the call is gone).
 */
export function writeEncoded(
  call: { write(chunk: never, cb?: never): boolean },
  encoded: Buffer,
  flushed?: () => void,
): boolean {
  const done = flushed && ((error?: unknown) => (error ? undefined : flushed()));
  return (call.write as (chunk: Buffer, cb?: (error?: unknown) => void) => boolean).call(
    call,
    encoded,
    done,
  );
}
