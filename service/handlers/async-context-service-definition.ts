import { toBinary } from "@bufbuild/protobuf";
import { AsyncContextServiceDefinition } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type StreamCompletionsResponse,
  StreamCompletionsResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";

/**
 * The generated AsyncContextService definition, except that StreamCompletions also accepts
 * messages the server already encoded (`encodeCompletionBatch`): the completion stream is the
 * hot path, and encoding there by hand avoids the reflective encoder and a copy of read data.
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
};

/** Writes an already encoded StreamCompletionsResponse to a stream of this definition. */
export function writeEncoded(call: { write(chunk: never): boolean }, encoded: Buffer): boolean {
  return (call.write as (chunk: Buffer) => boolean).call(call, encoded);
}
