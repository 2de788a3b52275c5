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
        ? serialized(message)
        : Buffer.from(toBinary(StreamCompletionsResponseSchema, message)),
  },
  session: {
    ...AsyncContextServiceDefinition.session,
    responseSerialize: (message: SessionResponse | Buffer): Buffer =>
      Buffer.isBuffer(message)
        ? serialized(message)
        : Buffer.from(toBinary(SessionResponseSchema, message)),
  },
};

/** What to run once grpc-js has taken an encoded message (`writeEncoded`'s `taken`). */
const onTaken = new WeakMap<Buffer, () => void>();

/**
 * grpc-js copies the serialized bytes into its own framed buffer right after this returns
 * (synchronously, before any microtask), so the encoded buffer is free again one microtask later.
 */
function serialized(encoded: Buffer): Buffer {
  const taken = onTaken.get(encoded);
  if (taken) {
    onTaken.delete(encoded);
    queueMicrotask(taken);
  }
  return encoded;
}

/**
 * Writes an already encoded response to a stream of this definition. `taken` runs once grpc-js
 * has copied the bytes into its framed buffer (the encoded buffer may be reused from then on);
 * `flushed` once grpc-js has passed the message on to the socket (never for a write that
 * failed: the call is gone).
 */
export function writeEncoded(
  call: { write(chunk: never, cb?: never): boolean },
  encoded: Buffer,
  flushed?: () => void,
  taken?: () => void,
): boolean {
  if (taken) onTaken.set(encoded, taken);
  const done = flushed && ((error?: unknown) => (error ? undefined : flushed()));
  return (call.write as (chunk: Buffer, cb?: (error?: unknown) => void) => boolean).call(
    call,
    encoded,
    done,
  );
}
