import { type DescMessage, type DescService, fromBinary } from "@bufbuild/protobuf";
import type { ServiceDefinition } from "@grpc/grpc-js";
import { RejectedRequest } from "./rejected-request.js";
import type { RequestLimits } from "./request-limits.js";
import { scanRequest } from "./scan-request.js";

/**
 * Decodes one request: `scanRequest` first, on the wire bytes, then protobuf-es without keeping
 * unknown fields. A message over `limits` or malformed comes back as a RejectedRequest.
 */
export function decodeRequest<T>(
  bytes: Uint8Array,
  desc: DescMessage,
  limits: RequestLimits,
): T | RejectedRequest {
  const violation = scanRequest(bytes, desc, limits);
  if (violation) return new RejectedRequest(violation);
  try {
    return fromBinary(desc, bytes, { readUnknownFields: false }) as T;
  } catch (error) {
    // The scan admits only what protobuf-es decodes; this is a safety net, not a path.
    return new RejectedRequest({
      field: desc.typeName,
      description: `undecodable: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/**
 * A decoder for one method's hot messages: the message, decoded within the limits, or
 * undefined for anything it does not handle (then `decodeRequest` decodes it). It must return
 * exactly what `decodeRequest` would.
 */
export type HotDecoder = (bytes: Uint8Array, limits: RequestLimits) => unknown;

/**
 * A copy of a generated grpc-js service definition whose request deserializers bound what a
 * message may cost (`decodeRequest`) before decoding it. `service` is the protobuf-es
 * descriptor of the same service; every method of the definition must be one of its methods.
 * `hotDecoders` (by method name) try first. Register `rejectInvalidRequests` as a server
 * interceptor with it: handlers then see only messages that passed.
 */
export function guardServiceDefinition<D extends ServiceDefinition>(
  definition: D,
  service: DescService,
  limits: RequestLimits,
  hotDecoders: Readonly<Record<string, HotDecoder>> = {},
): D {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const desc = service.methods.find((m) => m.localName === name);
    if (!desc) throw new Error(`${service.typeName} has no method ${name}`);
    const hot = hotDecoders[name];
    guarded[name] = {
      ...method,
      requestDeserialize: hot
        ? (bytes: Buffer) => hot(bytes, limits) ?? decodeRequest(bytes, desc.input, limits)
        : (bytes: Buffer) => decodeRequest(bytes, desc.input, limits),
    };
  }
  return guarded as D;
}
