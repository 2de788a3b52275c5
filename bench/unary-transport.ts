import { create } from "@bufbuild/protobuf";
import { type ClientReadableStream, status } from "@grpc/grpc-js";
import { MAX_SUBMIT_BATCH_NBYTES } from "../clients/ts/context-handle.js";
import {
  type Command,
  CommandSchema,
  type Completion,
  type ContextHandle,
  LnvmError,
  type TargetInput,
  toTarget,
} from "../clients/ts/index.js";
import type { AsyncContextServiceClient } from "../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  StreamCompletionsRequestSchema,
  type StreamCompletionsResponse,
} from "../gen/ts/lightnvm/v1/async_context_pb.js";

/** How long a Submit may wait on the server for room when the context is full. */
const SUBMIT_WAIT_FOR_ROOM_MS = 60_000;

/** A command issued and not yet submitted, with its data bytes. */
interface QueuedCommand {
  readonly command: Command;
  readonly nbytes: number;
}

interface Waiter {
  resolve(completion: Completion): void;
  reject(error: unknown): void;
}

/**
 * The unary transport, as the TypeScript client drove it before sessions: promise-per-command
 * reads and writes whose commands go out in unary `Submit` batches, one Submit in flight per
 * context (two concurrent Submits may reach the server in either order, which would reorder
 * writes to a chunk; commands issued meanwhile form the next batch, which waits on the server
 * for room), and whose completions arrive on one `StreamCompletions` stream (each counts as
 * acknowledged once written to it). Same shape as `ContextHandle.read`/`write`.
 */
export class UnaryTransport {
  readonly #context: ContextHandle;
  readonly #stream: ClientReadableStream<StreamCompletionsResponse>;
  readonly #waiters = new Map<bigint, Waiter>();
  #queue: QueuedCommand[] = [];
  #submitting = false;
  #flushScheduled = false;
  #nextTag = 1n;
  #failure: unknown;

  /** Attaches the completion stream of `context` through `rpc` (the client's raw stub). */
  constructor(rpc: AsyncContextServiceClient, context: ContextHandle) {
    this.#context = context;
    this.#stream = rpc.streamCompletions(
      create(StreamCompletionsRequestSchema, { contextId: context.id }),
    );
    this.#stream.on("data", (message: StreamCompletionsResponse) => {
      for (const completion of message.completions) {
        const waiter = this.#waiters.get(completion.tag);
        if (!waiter) continue;
        this.#waiters.delete(completion.tag);
        waiter.resolve(completion);
      }
    });
    this.#stream.on("error", (error: unknown) => {
      if (this.#failure === undefined) this.#fail(LnvmError.from(error));
    });
  }

  /** Reads `target`. */
  read(target: TargetInput): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue(
      (tag) => create(CommandSchema, { tag, op: { case: "read", value: { target: t } } }),
      0,
    );
  }

  /** Writes `data` to `target`. */
  write(target: TargetInput, data: Uint8Array): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue(
      (tag) => create(CommandSchema, { tag, op: { case: "write", value: { target: t, data } } }),
      data.byteLength,
    );
  }

  /** Cancels the completion stream; commands still waiting reject. */
  close(): void {
    this.#failure ??= new LnvmError(status.CANCELLED, "unary transport closed");
    this.#stream.cancel();
  }

  #issue(build: (tag: bigint) => Command, nbytes: number): Promise<Completion> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const tag = this.#nextTag++;
    this.#queue.push({ command: build(tag), nbytes });
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(() => this.#flush());
    }
    return new Promise((resolve, reject) => this.#waiters.set(tag, { resolve, reject }));
  }

  /** Sends what is queued as one Submit (up to 3 MiB of data) unless one is in flight. */
  #flush(): void {
    this.#flushScheduled = false;
    if (this.#submitting || this.#queue.length === 0 || this.#failure !== undefined) return;
    let n = 0;
    let nbytes = 0;
    while (n < this.#queue.length) {
      const item = this.#queue[n] as QueuedCommand;
      if (n > 0 && nbytes + item.nbytes > MAX_SUBMIT_BATCH_NBYTES) break;
      nbytes += item.nbytes;
      n++;
    }
    const batch = this.#queue.splice(0, n).map((item) => item.command);
    this.#submitting = true;
    this.#context.submit(batch, { waitForRoomMs: SUBMIT_WAIT_FOR_ROOM_MS }).then(
      () => {
        this.#submitting = false;
        this.#flush();
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #fail(error: unknown): void {
    this.#failure = error;
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
    this.#queue = [];
  }
}
