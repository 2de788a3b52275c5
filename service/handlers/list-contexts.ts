import { create } from "@bufbuild/protobuf";
import type { Logger } from "pino";
import {
  type ListContextsRequest,
  type ListContextsResponse,
  ListContextsResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { principalOf } from "../auth/call-principal.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import { describeContext } from "./context-messages.js";
import { unaryHandler } from "./unary-handler.js";

/**
 * ListContexts: the open contexts the caller may use (its own; every one on devices it is admin
 * of), each with its owner, oldest first, optionally on one device only.
 */
export function listContextsHandler(log: Logger, contexts: ContextRegistry) {
  return unaryHandler<ListContextsRequest, ListContextsResponse>(
    log,
    "ListContexts",
    (request, call) =>
      create(ListContextsResponseSchema, {
        contexts: contexts
          .visibleTo(principalOf(call))
          .filter((c) => request.device === "" || c.device.name === request.device)
          .map((c) => ({ context: describeContext(c), owner: contexts.ownerOf(c.id) ?? "" })),
      }),
  );
}
