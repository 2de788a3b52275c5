import { performance } from "node:perf_hooks";
import { create } from "@bufbuild/protobuf";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import type { Logger } from "pino";
import {
  type SessionRequest,
  type SessionResponse,
  SessionResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { admitCommands } from "../auth/admit-commands.js";
import { authorizeCommands } from "../auth/authorize-commands.js";
import { principalOf } from "../auth/call-principal.js";
import type { AdmissionDemand } from "../contexts/admission.js";
import { encodeSessionResponse } from "../contexts/completion-batch-encoder.js";
import type { CompletionConsumer } from "../contexts/completion-delivery.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import { batchHeldNbytes, type DecodedCommand } from "../contexts/decoded-command.js";
import type { MessageBuffers } from "../contexts/message-buffers.js";
import type { ReapedCompletion } from "../contexts/reaped-completion.js";
import type { ServedContext } from "../contexts/served-context.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import { invalidRequest, StorageError } from "../errors.js";
import { writeEncoded } from "./async-context-service-definition.js";
import type { AttachedCall, AttachedCalls } from "./attached-calls.js";
import { type AsyncContextLimits, initContext } from "./context-init.js";
import { consumerAttached, describeContext, shuttingDown } from "./context-messages.js";
import { receiveLimitNbytes } from "./receive-limit.js";
import { decodeSubmitBatch } from "./submit-validation.js";

type Call = ServerDuplexStream<SessionRequest, SessionResponse>;

/** What a session needs from the server. */
export interface SessionDependencies {
  readonly log: Logger;
  readonly devices: DeviceRegistry;
  readonly contexts: ContextRegistry;
  readonly limits: AsyncContextLimits;
  readonly attached: AttachedCalls;
  /** Smallest receive limit a client may state. */
  readonly minReceiveBytes: number;
  /** The server's reusable message buffers. */
  readonly buffers: MessageBuffers;
}

interface QueuedBatch {
  readonly commands: readonly DecodedCommand[];
  readonly demand: AdmissionDemand;
  /** Stats: `performance.now()` when the message arrived. */
  readonly receivedMs: number;
  /** Write data and metadata: what the session's credit counts. */
  readonly writeNbytes: number;
}

function writeDataNbytes(commands: readonly DecodedCommand[]): number {
  let n = 0;
  for (const c of commands)
    if (c.op === "write") n += c.data.byteLength + (c.meta?.byteLength ?? 0);
  return n;
}

/** Session: one bidirectional stream per attached client; see the proto for the protocol. */
export function sessionHandler(deps: SessionDependencies) {
  return (call: Call): void => {
    new ServedSession(call, deps).start();
  };
}

/**
 * One session: it reads client messages (open, commands, acknowledgements), queues commands in
 * stream order for admission, and is its context's consumer, writing completion messages with
 * the context's room and submitted count. It only translates: admission, the completion log
 * and delivery belong to the context.
 */
class ServedSession implements CompletionConsumer, AttachedCall {
  readonly acknowledgesOnFlush = false;
  messageNbytes = 0;
  readonly #call: Call;
  readonly #deps: SessionDependencies;
  #context: ServedContext | undefined;
  readonly #queue: QueuedBatch[] = [];
  #queuedCommands = 0;
  #queuedNbytes = 0;
  #admitting = false;
  #halfClosed = false;
  #awaitingIdle = false;
  #ended = false;
  readonly #abort = new AbortController();

  constructor(call: Call, deps: SessionDependencies) {
    this.#call = call;
    this.#deps = deps;
  }

  start(): void {
    // A cancel that arrived before this handler ran fires no event.
    if (this.#call.cancelled) return;
    this.#call.on("data", (request: SessionRequest) => this.#onMessage(request));
    this.#call.on("end", () => {
      this.#halfClosed = true;
      this.#endIfDrained();
    });
    const gone = () => this.#finish();
    this.#call.on("cancelled", gone);
    this.#call.on("error", gone);
    this.#call.on("close", gone);
  }

  // CompletionConsumer

  write(batch: readonly ReapedCompletion[], flushed: () => void): number {
    const context = this.#context as ServedContext;
    const encoded = encodeSessionResponse(
      batch,
      this.#room(context),
      context.submitted,
      this.#deps.buffers.acquire,
    );
    writeEncoded(
      this.#call,
      encoded,
      () => {
        flushed();
        this.#endIfDrained();
      },
      () => this.#deps.buffers.release(encoded),
    );
    return encoded.length;
  }

  /** The context was terminated: end with OK. */
  end(): void {
    if (!this.#finish()) return;
    this.#call.end();
  }

  // AttachedCall

  endForShutdown(): void {
    this.#fail(shuttingDown("session ended"));
  }

  #onMessage(request: SessionRequest): void {
    if (this.#ended) return;
    try {
      let context = this.#context;
      if (!context) {
        context = this.#open(request);
      } else if (request.open) {
        throw invalidRequest([
          { field: "open", description: "only the first message of a session may carry open" },
        ]);
      }
      if (request.ackThrough > 0n) context.acknowledge(Number(request.ackThrough));
      if (request.commands.length > 0) this.#enqueue(context, request);
    } catch (error) {
      this.#fail(error);
    }
  }

  #open(request: SessionRequest): ServedContext {
    const { contexts, devices, limits, attached, minReceiveBytes } = this.#deps;
    const open = request.open;
    if (!open) {
      throw invalidRequest([
        { field: "open", description: "the first message of a session must carry open" },
      ]);
    }
    if (!contexts.accepting) throw shuttingDown("no new sessions");
    this.messageNbytes = receiveLimitNbytes(
      open.maxReceiveMessageBytes,
      limits.maxMessageBytes,
      minReceiveBytes,
      "open.max_receive_message_bytes",
    );
    let context: ServedContext;
    switch (open.context.case) {
      case "contextId":
        context = contexts.get(open.context.value, principalOf(this.#call));
        if (context.consumer) throw consumerAttached(context);
        break;
      case "init":
        context = initContext(
          open.context.value,
          devices,
          contexts,
          limits,
          principalOf(this.#call),
          "open.init.",
        );
        break;
      default:
        throw invalidRequest([{ field: "open.context", description: "set context_id or init" }]);
    }
    this.#context = context;
    // Acknowledged before the replay, so what the client already processed is not sent again.
    if (request.ackThrough > 0n) context.acknowledge(Number(request.ackThrough));
    const opened = create(SessionResponseSchema, {
      opened: describeContext(context),
      room: this.#room(context),
      submitted: BigInt(context.submitted),
    });
    this.#call.write(opened);
    // Replays every held completion, oldest first, after `opened`.
    if (!context.attach(this)) throw consumerAttached(context);
    attached.add(this);
    return context;
  }

  #enqueue(context: ServedContext, request: SessionRequest): void {
    const receivedMs = performance.now();
    // Commands that arrive during shutdown are not submitted; `submitted` tells the client.
    if (!this.#deps.contexts.accepting) return;
    const commands = decodeSubmitBatch(
      request.commands,
      context.device.device,
      this.#deps.limits.maxCommandBytes,
    );
    authorizeCommands(principalOf(this.#call), context.device, commands);
    if (commands.length > context.depth) {
      throw invalidRequest([
        {
          field: "commands",
          description: `at most the context's depth (${context.depth}) per message, got ${commands.length}`,
        },
      ]);
    }
    const demand = {
      n: commands.length,
      nbytes: batchHeldNbytes(commands, context.device.device.geometry),
    };
    const writeNbytes = writeDataNbytes(commands);
    this.#queuedCommands += demand.n;
    this.#queuedNbytes += writeNbytes;
    const maxQueued = context.depth;
    const maxQueuedNbytes = context.budget.limit;
    if (this.#queuedCommands > maxQueued || this.#queuedNbytes > maxQueuedNbytes) {
      throw new StorageError(
        ErrorReason.CREDIT_EXCEEDED,
        `session of context ${context.id} queued ${this.#queuedCommands} commands and ${this.#queuedNbytes} bytes, more than its credit of ${maxQueued} commands and ${maxQueuedNbytes} bytes`,
        {
          metadata: {
            queued: String(this.#queuedCommands),
            queued_bytes: String(this.#queuedNbytes),
            max_queued: String(maxQueued),
            max_queued_bytes: String(maxQueuedNbytes),
          },
        },
      );
    }
    this.#queue.push({ commands, demand, writeNbytes, receivedMs });
    if (!this.#admitting) void this.#admit(context);
  }

  /** Submits queued batches in order as admission grants them room. */
  async #admit(context: ServedContext): Promise<void> {
    this.#admitting = true;
    try {
      while (!this.#ended) {
        const batch = this.#queue[0];
        if (!batch) break;
        await admitCommands(
          principalOf(this.#call),
          context.device,
          batch.commands,
          this.#abort.signal,
        );
        const grant =
          context.admission.tryAdmit(batch.demand) ??
          (await context.admission.admit(batch.demand, Infinity, this.#abort.signal));
        if (!grant || this.#ended) {
          // The context closed, or the session ended while waiting: nothing more is submitted.
          if (grant) context.admission.refund(grant, 0, 0);
          break;
        }
        this.#queue.shift();
        this.#queuedCommands -= batch.demand.n;
        this.#queuedNbytes -= batch.writeNbytes;
        context.submit(batch.commands, grant, batch.receivedMs);
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#admitting = false;
    }
    this.#endIfDrained();
  }

  /**
   * After the client half-closed: end with OK once every queued command is submitted and has
   * completed, and every completion was written. What the client did not acknowledge stays
   * held for the next session.
   */
  #endIfDrained(): void {
    const context = this.#context;
    if (!this.#halfClosed || this.#ended) return;
    if (!context) {
      this.#finish();
      this.#call.end();
      return;
    }
    if (this.#queue.length > 0 || context.outstanding > 0 || context.pending > 0) {
      if (context.outstanding > 0 && this.#queue.length === 0 && !this.#awaitingIdle) {
        this.#awaitingIdle = true;
        void context.whenIdle().then(() => {
          this.#awaitingIdle = false;
          this.#endIfDrained();
        });
      }
      return;
    }
    if (context.inTransportNbytes > 0) return; // the flush callback calls again
    this.end();
  }

  #room(context: ServedContext): number {
    return Math.max(0, context.room - this.#queuedCommands);
  }

  #fail(error: unknown): void {
    const storageError = StorageError.from(error);
    if (!(error instanceof StorageError)) {
      this.#deps.log.error({ err: error, method: "Session" }, "session failed");
    }
    if (!this.#finish()) return;
    this.#call.emit("error", storageError.toServiceError());
  }

  /** Detaches and forgets the queue; false if already ended. */
  #finish(): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    this.#abort.abort();
    this.#queue.length = 0;
    this.#queuedCommands = 0;
    this.#queuedNbytes = 0;
    this.#deps.attached.delete(this);
    this.#context?.detach(this);
    return true;
  }
}
