import { performance } from "node:perf_hooks";
import { create } from "@bufbuild/protobuf";
import type { Logger } from "pino";
import type { AsyncContextServiceServer } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  AcknowledgeResponseSchema,
  GetContextResponseSchema,
  InitResponseSchema,
  PokeResponseSchema,
  SubmitResponseSchema,
  TermResponseSchema,
  WaitResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { admitCommands } from "../auth/admit-commands.js";
import { authorizeCommands } from "../auth/authorize-commands.js";
import { principalOf } from "../auth/call-principal.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import { batchHeldNbytes } from "../contexts/decoded-command.js";
import { MessageBuffers } from "../contexts/message-buffers.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import type { AttachedCalls } from "./attached-calls.js";
import { completionStreamHandler } from "./completion-stream-handler.js";
import { type AsyncContextLimits, initContext } from "./context-init.js";
import { consumerAttached, describeContext, durationMs, shuttingDown } from "./context-messages.js";
import { listContextsHandler } from "./list-contexts.js";
import { sessionHandler } from "./session-handler.js";
import { decodeSubmitBatch } from "./submit-validation.js";
import { cancellationSignal, unaryHandler } from "./unary-handler.js";

export type { AsyncContextLimits } from "./context-init.js";

function deadlinePassed(deadline: Date | number): boolean {
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) && ms <= Date.now();
}

/** A uint64 sequence from the wire as a number (sequences stay far below 2^53). */
function sequenceNumber(value: bigint | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/**
 * The AsyncContextService: nvm_async_* over gRPC. The unary RPCs are translated here; the
 * completion stream and the session have their own adapters.
 */
export function createAsyncContextService(
  log: Logger,
  devices: DeviceRegistry,
  contexts: ContextRegistry,
  limits: AsyncContextLimits,
  attached: AttachedCalls,
  /** Smallest receive limit a client may state (one completion of the largest command). */
  minReceiveBytes: number,
): AsyncContextServiceServer {
  const buffers = new MessageBuffers();
  return {
    init: unaryHandler(log, "Init", (request, call) => {
      const context = initContext(request, devices, contexts, limits, principalOf(call));
      return create(InitResponseSchema, { context: describeContext(context) });
    }),

    submit: unaryHandler(log, "Submit", async (request, call) => {
      const receivedMs = performance.now();
      if (!contexts.accepting) throw shuttingDown("no new commands");
      let context = contexts.get(request.contextId, principalOf(call));
      const commands = decodeSubmitBatch(
        request.commands,
        context.device.device,
        limits.maxCommandBytes,
      );
      authorizeCommands(principalOf(call), context.device, commands);
      await admitCommands(principalOf(call), context.device, commands, cancellationSignal(call));
      context = contexts.get(request.contextId, principalOf(call));
      const demand = {
        n: commands.length,
        nbytes: batchHeldNbytes(commands, context.device.device.geometry),
      };
      let grant = context.admission.tryAdmit(demand);
      if (!grant) {
        // Not accepted yet: shutdown refuses it rather than wait for its room.
        grant = await context.admission.admit(
          demand,
          durationMs(request.waitForRoom),
          AbortSignal.any([cancellationSignal(call), contexts.shutdownSignal]),
        );
        if (!grant && !contexts.accepting) throw shuttingDown("no new commands");
        context = contexts.get(request.contextId, principalOf(call));
        if (!grant) {
          throw context.admission.queueFull(demand, context.id, {
            outstanding: context.outstanding,
            pending: context.pending,
            unacknowledged: context.unacknowledged,
          });
        }
      }
      context.submit(commands, grant, receivedMs);
      return create(SubmitResponseSchema, {
        submitted: commands.length,
        outstanding: context.outstanding,
      });
    }),

    poke: unaryHandler(log, "Poke", (request, call) => {
      const context = contexts.get(request.contextId, principalOf(call));
      if (context.consumer) throw consumerAttached(context);
      context.reap(0);
      return create(PokeResponseSchema, {
        completions: context.take(
          request.max,
          request.maxResponseBytes,
          sequenceNumber(request.ackThrough),
        ),
      });
    }),

    wait: unaryHandler(log, "Wait", async (request, call) => {
      const signal = cancellationSignal(call);
      let context = contexts.get(request.contextId, principalOf(call));
      if (context.consumer) throw consumerAttached(context);
      const attachments = context.consumerAttachments;
      await Promise.race([
        context.whenIdle(),
        new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true })),
      ]);
      // A call the client gave up on consumes nothing: its completions stay held.
      if (signal.aborted || call.cancelled || deadlinePassed(call.getDeadline())) {
        return create(WaitResponseSchema, {});
      }
      context = contexts.get(request.contextId, principalOf(call));
      // A consumer that attached while this call waited took completions it would have returned.
      if (context.consumer || context.consumerAttachments !== attachments) {
        throw consumerAttached(context);
      }
      return create(WaitResponseSchema, {
        completions: context.take(0, request.maxResponseBytes, sequenceNumber(request.ackThrough)),
      });
    }),

    term: unaryHandler(log, "Term", async (request, call) => {
      await contexts.terminate(request.contextId, principalOf(call));
      return create(TermResponseSchema, {});
    }),

    getContext: unaryHandler(log, "GetContext", (request, call) =>
      create(GetContextResponseSchema, {
        context: describeContext(contexts.get(request.contextId, principalOf(call))),
      }),
    ),

    acknowledge: unaryHandler(log, "Acknowledge", (request, call) => {
      const context = contexts.get(request.contextId, principalOf(call));
      const released = context.acknowledge(Number(request.through));
      context.lastActivityMs = Date.now();
      return create(AcknowledgeResponseSchema, { released });
    }),

    streamCompletions: completionStreamHandler(
      log,
      contexts,
      attached,
      limits.maxMessageBytes,
      minReceiveBytes,
      buffers,
    ),

    listContexts: listContextsHandler(log, contexts),

    session: sessionHandler({
      log,
      devices,
      contexts,
      limits,
      attached,
      minReceiveBytes,
      buffers,
    }),
  };
}
