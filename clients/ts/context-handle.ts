import { create } from "@bufbuild/protobuf";
import { type ClientReadableStream, status } from "@grpc/grpc-js";
import type { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type AsyncContext,
  GetContextRequestSchema,
  type GetContextResponse,
  PokeRequestSchema,
  type PokeResponse,
  StreamCompletionsRequestSchema,
  type StreamCompletionsResponse,
  SubmitRequestSchema,
  type SubmitResponse,
  TermRequestSchema,
  type TermResponse,
  WaitRequestSchema,
  type WaitResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import {
  type Command,
  CommandSchema,
  type Completion,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import { type AddressInput, type TargetInput, toAddress, toTarget } from "./address-input.js";
import { LnvmError } from "./lnvm-error.js";
import { unary } from "./unary.js";

/**
 * Tags the handle assigns to its own commands start here; tags below are the caller's (for
 * `submit`). A completion with one of the handle's tags resolves that command's promise.
 */
export const HANDLE_TAG_BASE = 1n << 63n;

/** Batches `completions()` buffers before it pauses the stream, and resumes it below. */
const COMPLETIONS_HIGH_WATER_BATCHES = 16;
const COMPLETIONS_LOW_WATER_BATCHES = 4;

/** How long a Submit may wait on the server for room when the queue is full. */
const SUBMIT_WAIT_FOR_ROOM_MS = 60_000;

/** Data bytes per Submit the handle aims for, below gRPC's default 4 MiB message limit. */
export const MAX_SUBMIT_BATCH_NBYTES = 3 * 1024 * 1024;

interface Waiter {
  resolve(completion: Completion): void;
  reject(error: unknown): void;
}

/**
 * A context on the server, with promise-per-command helpers. `read`/`write`/`erase`/`copy`
 * resolve with their command's completion (whatever its status: device rule violations are
 * statuses, not errors). Commands issued in the same tick go to the server as one Submit batch,
 * and their completions arrive on one stream the handle attaches on first use, so many
 * concurrent commands cost few round trips.
 */
export class ContextHandle {
  readonly id: string;
  readonly device: string;
  readonly depth: number;
  readonly #rpc: AsyncContextServiceClient;
  readonly #waiters = new Map<bigint, Waiter>();
  readonly #listeners = new Set<(batch: Completion[]) => void>();
  #queue: Command[] = [];
  #flushScheduled = false;
  /** The Submit in flight, if any; it flushes the next batch when it settles. */
  #submission: Promise<void> | undefined;
  #nextTag = HANDLE_TAG_BASE;
  #stream: ClientReadableStream<StreamCompletionsResponse> | undefined;
  #lastSequence = 0n;
  #terminated = false;

  constructor(rpc: AsyncContextServiceClient, context: AsyncContext) {
    this.#rpc = rpc;
    this.id = context.id;
    this.device = context.device;
    this.depth = context.depth;
  }

  /** Writes `data` (nsectors × sector size bytes, in address order) to `target`. */
  write(target: TargetInput, data: Uint8Array, meta?: Uint8Array): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue((tag) =>
      create(CommandSchema, {
        tag,
        op: { case: "write", value: { target: t, data, ...(meta ? { meta } : {}) } },
      }),
    );
  }

  /** Reads `target`; the completion's `data` holds the sectors when its status is 0. */
  read(target: TargetInput, options: { withMeta?: boolean } = {}): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue((tag) =>
      create(CommandSchema, {
        tag,
        op: { case: "read", value: { target: t, withMeta: options.withMeta ?? false } },
      }),
    );
  }

  /** Resets the chunks of `chunks` (1–64 addresses; their sector is ignored). */
  erase(chunks: readonly AddressInput[]): Promise<Completion> {
    return this.#issue((tag) =>
      create(CommandSchema, {
        tag,
        op: { case: "erase", value: { chunks: chunks.map(toAddress) } },
      }),
    );
  }

  /** Copies `sources[i]` to `destinations[i]`. */
  copy(
    sources: readonly AddressInput[],
    destinations: readonly AddressInput[],
  ): Promise<Completion> {
    return this.#issue((tag) =>
      create(CommandSchema, {
        tag,
        op: {
          case: "copy",
          value: { sources: sources.map(toAddress), destinations: destinations.map(toAddress) },
        },
      }),
    );
  }

  /**
   * Submits a batch as it is, with the caller's tags (below `HANDLE_TAG_BASE`); their
   * completions arrive through `poke`, `wait` or `completions()`.
   */
  submit(commands: Command[], options: { waitForRoomMs?: number } = {}): Promise<SubmitResponse> {
    const waitMs = options.waitForRoomMs ?? 0;
    const request = create(SubmitRequestSchema, {
      contextId: this.id,
      commands,
      ...(waitMs > 0
        ? {
            waitForRoom: {
              seconds: BigInt(Math.floor(waitMs / 1000)),
              nanos: (waitMs % 1000) * 1e6,
            },
          }
        : {}),
    });
    return unary<SubmitResponse>((cb) => this.#rpc.submit(request, cb));
  }

  /** Up to `max` pending completions (0 = all). Not while a stream is attached. */
  async poke(max = 0): Promise<Completion[]> {
    const response = await unary<PokeResponse>((cb) =>
      this.#rpc.poke(create(PokeRequestSchema, { contextId: this.id, max }), cb),
    );
    return response.completions;
  }

  /** Every pending completion once nothing is outstanding. Not while a stream is attached. */
  async wait(): Promise<Completion[]> {
    const response = await unary<WaitResponse>((cb) =>
      this.#rpc.wait(create(WaitRequestSchema, { contextId: this.id }), cb),
    );
    return response.completions;
  }

  /** The context's depth, outstanding and pending counts now. */
  async info(): Promise<AsyncContext> {
    const response = await unary<GetContextResponse>((cb) =>
      this.#rpc.getContext(create(GetContextRequestSchema, { contextId: this.id }), cb),
    );
    if (!response.context) throw new LnvmError(status.INTERNAL, "GetContext returned no context");
    return response.context;
  }

  /**
   * Every completion batch as the server streams it, including those of promise-style
   * commands. Ends when the context is terminated; breaking out of the loop stops listening.
   */
  async *completions(): AsyncGenerator<Completion[], void, undefined> {
    const queue: Completion[][] = [];
    let wake: (() => void) | undefined;
    let failure: unknown;
    const listener = (batch: Completion[]) => {
      queue.push(batch);
      // A consumer that falls behind pauses the stream, so the server's flow control, not this
      // process's memory, absorbs the difference.
      if (queue.length >= COMPLETIONS_HIGH_WATER_BATCHES) this.#stream?.pause();
      wake?.();
    };
    this.#listeners.add(listener);
    const stream = this.#attach();
    const onEnd = () => wake?.();
    const onError = (error: unknown) => {
      failure = error;
      wake?.();
    };
    stream.on("end", onEnd);
    stream.on("error", onError);
    try {
      for (;;) {
        const batch = queue.shift();
        if (queue.length <= COMPLETIONS_LOW_WATER_BATCHES) this.#stream?.resume();
        if (batch) {
          yield batch;
          continue;
        }
        if (failure !== undefined) throw LnvmError.from(failure);
        if (this.#stream !== stream) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      this.#listeners.delete(listener);
      // A consumer that stops listening must not leave the stream paused for the promises.
      stream.resume();
      stream.off("end", onEnd);
      stream.off("error", onError);
    }
  }

  /** Terminates the context: outstanding I/O completes first; pending promises settle. */
  async term(): Promise<void> {
    this.#flush();
    while (this.#submission) await this.#submission;
    await unary<TermResponse>((cb) =>
      this.#rpc.term(create(TermRequestSchema, { contextId: this.id }), cb),
    );
    this.#terminated = true;
  }

  #issue(build: (tag: bigint) => Command): Promise<Completion> {
    if (this.#terminated)
      return Promise.reject(
        new LnvmError(status.FAILED_PRECONDITION, `context ${this.id} is terminated`),
      );
    const tag = this.#nextTag++;
    const command = build(tag);
    return new Promise<Completion>((resolve, reject) => {
      this.#waiters.set(tag, { resolve, reject });
      this.#attach();
      this.#queue.push(command);
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        queueMicrotask(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#submission || this.#queue.length === 0) return;
    const batch = this.#takeBatch();
    // One Submit in flight per context: two concurrent Submits may reach the server in either
    // order, which would reorder writes to a chunk. Commands issued meanwhile form the next batch.
    this.#submission = this.submit(batch, { waitForRoomMs: SUBMIT_WAIT_FOR_ROOM_MS })
      .then(() => undefined)
      .catch((error: unknown) => {
        // Commands queued behind a rejected batch may depend on it (writes to the same chunk),
        // so they fail with the same error instead of reaching the device out of order.
        const failure = LnvmError.from(error);
        for (const command of [...batch, ...this.#queue.splice(0)]) {
          this.#waiters.get(command.tag)?.reject(failure);
          this.#waiters.delete(command.tag);
        }
      })
      .finally(() => {
        this.#submission = undefined;
        this.#flush();
      });
  }

  /** The oldest queued commands that fit one Submit: at most depth, and `MAX_SUBMIT_BATCH_NBYTES` of data. */
  #takeBatch(): Command[] {
    let n = 0;
    let nbytes = 0;
    while (n < this.#queue.length && n < this.depth) {
      const op = (this.#queue[n] as Command).op;
      const size = op.case === "write" ? op.value.data.byteLength + op.value.meta.byteLength : 0;
      if (n > 0 && nbytes + size > MAX_SUBMIT_BATCH_NBYTES) break;
      nbytes += size;
      n++;
    }
    return this.#queue.splice(0, n);
  }

  #attach(): ClientReadableStream<StreamCompletionsResponse> {
    if (this.#stream) return this.#stream;
    const stream = this.#rpc.streamCompletions(
      create(StreamCompletionsRequestSchema, {
        contextId: this.id,
        resumeAfterSequence: this.#lastSequence,
      }),
    );
    this.#stream = stream;
    stream.on("data", (message: StreamCompletionsResponse) => {
      const batch = message.completions;
      for (const completion of batch) {
        if (completion.sequence > this.#lastSequence) this.#lastSequence = completion.sequence;
        const waiter = this.#waiters.get(completion.tag);
        if (waiter) {
          this.#waiters.delete(completion.tag);
          waiter.resolve(completion);
        }
      }
      for (const listener of this.#listeners) listener(batch);
    });
    const settle = (error: unknown) => {
      if (this.#stream === stream) this.#stream = undefined;
      // Commands not sent yet are dropped with the rest: sending them would run writes whose
      // completions nobody receives. Commands already submitted may still have run.
      const failure = LnvmError.from(error);
      this.#queue.splice(0);
      for (const waiter of this.#waiters.values()) waiter.reject(failure);
      this.#waiters.clear();
    };
    stream.on("error", settle);
    stream.on("end", () =>
      settle(new LnvmError(status.CANCELLED, `completion stream of context ${this.id} ended`)),
    );
    return stream;
  }
}
