import type { InitRequest } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type { Principal } from "../auth/principal.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import type { ServedContext } from "../contexts/served-context.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import { invalidRequest } from "../errors.js";
import { principalLabel } from "../metrics/principal-label.js";

/** Limits the AsyncContextService handlers enforce. */
export interface AsyncContextLimits {
  /** Depth used when a client asks for 0. */
  readonly defaultDepth: number;
  /** Largest depth a client may ask for. */
  readonly maxDepth: number;
  /** Largest data payload of one command, bytes. */
  readonly maxCommandBytes: number;
  /** Largest gRPC message the server sends, bytes. */
  readonly maxMessageBytes: number;
}

/** nvm_async_init flags the server passes through; liblightnvm defines none yet. */
const KNOWN_INIT_FLAGS = 0;

/**
 * Creates a context as Init asks (also a session's `open.init`), owned by `caller`;
 * `fieldPrefix` names the request's place in a BadRequest (e.g. "open.init.").
 */
export function initContext(
  request: InitRequest,
  devices: DeviceRegistry,
  contexts: ContextRegistry,
  limits: AsyncContextLimits,
  caller: Principal,
  fieldPrefix = "",
): ServedContext {
  const device = devices.get(request.device, caller);
  if (request.depth > limits.maxDepth) {
    throw invalidRequest([
      {
        field: `${fieldPrefix}depth`,
        description: `must be 0 to ${limits.maxDepth}, got ${request.depth}`,
      },
    ]);
  }
  if ((request.flags & ~KNOWN_INIT_FLAGS) !== 0) {
    throw invalidRequest([
      {
        field: `${fieldPrefix}flags`,
        description: `unknown flag bits 0x${request.flags.toString(16)}`,
      },
    ]);
  }
  const context = contexts.create(device, request.depth || limits.defaultDepth, caller);
  const label = principalLabel(caller);
  context.stats.countForPrincipal(label, device.principalStats.of(label));
  return context;
}
