import type { ServiceDefinition } from "@grpc/grpc-js";

const identity = (buffer: Buffer): Buffer => buffer;

/**
 * A protocol-free gRPC service over raw Buffers (serialize = identity), the transport
 * reference for the service:
 * - `Stream`: the request is a uint32 BE message count (0 = until cancelled); the server sends
 *   that many 4 KiB messages, one `write()` each, honouring backpressure.
 * - `Unary`: any request; the response is 4 KiB.
 */
export const BARE_SERVICE: ServiceDefinition = {
  stream: {
    path: "/lnvmd.bench.Bare/Stream",
    requestStream: false,
    responseStream: true,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
  unary: {
    path: "/lnvmd.bench.Bare/Unary",
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

/** Bytes of every `Stream` message and `Unary` response: one 4 KiB sector. */
export const BARE_PAYLOAD_NBYTES = 4096;
