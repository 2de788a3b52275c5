import type { ServiceDefinition } from "@grpc/grpc-js";

const identity = (buffer: Buffer): Buffer => buffer;

/** One method of `BARE_SERVICE`: raw Buffers both ways (serialize = identity). */
function method(name: string, requestStream: boolean, responseStream: boolean) {
  return {
    path: `/lnvmd.bench.Bare/${name}`,
    requestStream,
    responseStream,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  };
}

/**
 * A protocol-free gRPC service over raw Buffers, the transport reference for the service:
 * - `Unary`: any request; the response is 4 KiB.
 * - `PingPong`: bidirectional; every request message is answered by one 4 KiB message.
 * - `Push`: the request is a uint32 BE message size; the server sends messages of that size
 *   until the call is cancelled, one `write()` each, honouring backpressure.
 */
export const BARE_SERVICE: ServiceDefinition = {
  unary: method("Unary", false, false),
  pingPong: method("PingPong", true, true),
  push: method("Push", false, true),
};

/** Bytes of every `Unary` response and `PingPong` reply: one 4 KiB sector. */
export const BARE_PAYLOAD_NBYTES = 4096;

/** Largest `Push` message the server sends (and the bare client receives). */
export const BARE_MAX_MESSAGE_NBYTES = 16 * 1024 * 1024;
