import { create } from "@bufbuild/protobuf";
import { type ServerWritableStream, status } from "@grpc/grpc-js";
import type { Logger } from "pino";
import type { AsyncContextServiceServer } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type AsyncContext as AsyncContextMessage,
  AsyncContextSchema,
  GetContextResponseSchema,
  InitResponseSchema,
  PokeResponseSchema,
  type StreamCompletionsRequest,
  type StreamCompletionsResponse,
  SubmitResponseSchema,
  TermResponseSchema,
  WaitResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import type { CompletionStream, ServedContext } from "../contexts/served-context.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import { invalidRequest, StorageError } from "../errors.js";
import { writeEncoded } from "./async-context-service-definition.js";
import { decodeSubmitBatch } from "./submit-validation.js";
import { cancellationSignal, unaryHandler } from "./unary-handler.js";

/** Limits the handlers enforce. */
export interface AsyncContextLimits {
  /** Depth used when a client asks for 0. */
  readonly defaultDepth: number;
  /** Largest depth a client may ask for. */
  readonly maxDepth: number;
  /** Largest data payload of one command, bytes. */
  readonly maxCommandBytes: number;
}

/** nvm_async_init flags the server passes through; liblightnvm defines none yet. */
const KNOWN_INIT_FLAGS = 0;

function describe(context: ServedContext): AsyncContextMessage {
  return create(AsyncContextSchema, {
    id: context.id,
    device: context.device.name,
    depth: context.depth,
    outstanding: context.outstanding,
    pending: context.pending,
  });
}

function streamAttached(context: ServedContext): StorageError {
  return new StorageError(
    ErrorReason.STREAM_ATTACHED,
    `context ${context.id} has a completion stream attached: completions go to it`,
    { metadata: { context_id: context.id } },
  );
}

function deadlinePassed(deadline: Date | number): boolean {
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) && ms <= Date.now();
}

function durationMs(duration: { seconds: bigint; nanos: number } | undefined): number {
  if (!duration) return 0;
  return Number(duration.seconds) * 1000 + duration.nanos / 1e6;
}

/** The AsyncContextService: nvm_async_* over gRPC. */
export function createAsyncContextService(
  log: Logger,
  devices: DeviceRegistry,
  contexts: ContextRegistry,
  limits: AsyncContextLimits,
  /** Tracks open completion streams so shutdown can end them. */
  streams: Set<ServerWritableStream<StreamCompletionsRequest, StreamCompletionsResponse>>,
): AsyncContextServiceServer {
  return {
    init: unaryHandler(log, "Init", (request) => {
      const device = devices.get(request.device);
      if (request.depth > limits.maxDepth) {
        throw invalidRequest([
          { field: "depth", description: `must be 0 to ${limits.maxDepth}, got ${request.depth}` },
        ]);
      }
      if ((request.flags & ~KNOWN_INIT_FLAGS) !== 0) {
        throw invalidRequest([
          { field: "flags", description: `unknown flag bits 0x${request.flags.toString(16)}` },
        ]);
      }
      const context = contexts.create(device, request.depth || limits.defaultDepth);
      return create(InitResponseSchema, { context: describe(context) });
    }),

    submit: unaryHandler(log, "Submit", async (request, call) => {
      let context = contexts.get(request.contextId);
      const commands = decodeSubmitBatch(
        request.commands,
        context.device.device,
        limits.maxCommandBytes,
      );
      const n = commands.length;
      let granted = false;
      if (!context.canSubmit(n)) {
        const waitMs = durationMs(request.waitForRoom);
        granted =
          n <= context.depth && (await context.waitForRoom(n, waitMs, cancellationSignal(call)));
        context = contexts.get(request.contextId);
        if (!granted) {
          throw new StorageError(
            ErrorReason.QUEUE_FULL,
            `batch of ${n} commands does not fit context ${context.id}: depth ${context.depth}, ${context.outstanding} outstanding, ${context.pending} pending`,
            {
              metadata: {
                depth: String(context.depth),
                outstanding: String(context.outstanding),
                pending: String(context.pending),
                requested: String(n),
              },
            },
          );
        }
      }
      context.submit(commands, granted);
      return create(SubmitResponseSchema, { submitted: n, outstanding: context.outstanding });
    }),

    poke: unaryHandler(log, "Poke", (request) => {
      const context = contexts.get(request.contextId);
      if (context.hasStream) throw streamAttached(context);
      context.reap(0);
      return create(PokeResponseSchema, { completions: context.take(request.max) });
    }),

    wait: unaryHandler(log, "Wait", async (request, call) => {
      const signal = cancellationSignal(call);
      let context = contexts.get(request.contextId);
      if (context.hasStream) throw streamAttached(context);
      const attachments = context.streamAttachments;
      await Promise.race([
        context.whenIdle(),
        new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true })),
      ]);
      // A call the client gave up on consumes nothing: its completions stay pending.
      if (signal.aborted || call.cancelled || deadlinePassed(call.getDeadline())) {
        return create(WaitResponseSchema, {});
      }
      context = contexts.get(request.contextId);
      // A stream that attached while this call waited took completions it would have returned.
      if (context.hasStream || context.streamAttachments !== attachments) {
        throw streamAttached(context);
      }
      return create(WaitResponseSchema, { completions: context.take(0) });
    }),

    term: unaryHandler(log, "Term", async (request) => {
      await contexts.terminate(request.contextId);
      return create(TermResponseSchema, {});
    }),

    getContext: unaryHandler(log, "GetContext", (request) =>
      create(GetContextResponseSchema, { context: describe(contexts.get(request.contextId)) }),
    ),

    streamCompletions: (call) => {
      let context: ServedContext;
      try {
        context = contexts.get(call.request.contextId);
      } catch (error) {
        call.emit("error", StorageError.from(error).toServiceError());
        return;
      }
      // A cancel that arrived before this handler ran fires no event, and attaching would
      // write pending completions into a dead call.
      if (call.cancelled) return;
      let ended = false;
      const stream: CompletionStream = {
        send: (encoded) => writeEncoded(call, encoded),
        end: () => {
          if (ended) return;
          ended = true;
          streams.delete(call);
          call.end();
        },
      };
      if (!context.attachStream(stream, call.request.resumeAfterSequence)) {
        call.emit("error", streamAttached(context).toServiceError());
        return;
      }
      streams.add(call);
      const detach = () => {
        ended = true;
        streams.delete(call);
        context.detachStream(stream);
      };
      call.on("drain", () => context.resumeStream(stream));
      call.on("cancelled", detach);
      call.on("error", detach);
      call.on("close", detach);
    },
  };
}

/** Ends a completion stream with UNAVAILABLE because the server is shutting down. */
export function endStreamForShutdown(
  call: ServerWritableStream<StreamCompletionsRequest, StreamCompletionsResponse>,
): void {
  call.emit("error", { code: status.UNAVAILABLE, details: "server is shutting down" });
}
