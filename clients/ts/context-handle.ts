import { create } from "@bufbuild/protobuf";
import { type CallOptions, status } from "@grpc/grpc-js";
import type { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type AsyncContext,
  GetContextRequestSchema,
  type GetContextResponse,
  PokeRequestSchema,
  type PokeResponse,
  SubmitRequestSchema,
  type SubmitResponse,
  TermRequestSchema,
  type TermResponse,
  WaitRequestSchema,
  type WaitResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type { Command, Completion } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { type AddressInput, type TargetInput, toAddress, toTarget } from "./address-input.js";
import { copyCommand, eraseCommand, readCommand, writeCommand } from "./command-messages.js";
import { IoSession, type SessionCommand } from "./io-session.js";
import { LnvmError } from "./lnvm-error.js";
import { type CallLimits, callOptions, unary } from "./unary.js";

/**
 * Tags the handle assigns to its own commands start here; tags below are the caller's (for
 * `submit`). A completion with one of the handle's tags resolves that command's promise.
 */
export const HANDLE_TAG_BASE = 1n << 63n;

/** Batches `completions()` buffers before it pauses the session, and resumes it below. */
const COMPLETIONS_HIGH_WATER_BATCHES = 16;
const COMPLETIONS_LOW_WATER_BATCHES = 4;

/** Data bytes per Submit the handle aims for, below gRPC's default 4 MiB message limit. */
export const MAX_SUBMIT_BATCH_NBYTES = 3 * 1024 * 1024;

/** What a ContextHandle is built from. */
export interface ContextHandleOptions {
  /** The client's receive limit, stated to the server so it never sends more. */
  readonly maxReceiveMessageBytes: number;
  /** Deadline of unary calls without their own. */
  readonly defaultTimeoutMs: number;
}

interface Waiter {
  resolve(completion: Completion): void;
  reject(error: unknown): void;
}

/**
 * A context on the server, with promise-per-command helpers. `read`/`write`/`erase`/`copy`
 * resolve with their command's completion (whatever its status: device rule violations are
 * statuses, not errors). They travel on one Session the handle opens on first use: commands
 * are pipelined in issue order (no round trip per batch), every completion is acknowledged
 * once handed over, and a session broken by a transient failure is reattached and its replay
 * taken, so a promise settles from its command's real completion; it rejects only when the
 * command is known not to have reached the device, or the context is gone.
 */
export class ContextHandle {
  readonly id: string;
  readonly device: string;
  readonly depth: number;
  readonly #rpc: AsyncContextServiceClient;
  readonly #context: AsyncContext;
  readonly #options: ContextHandleOptions;
  readonly #waiters = new Map<bigint, Waiter>();
  readonly #listeners = new Set<(batch: Completion[]) => void>();
  #session: IoSession | undefined;
  #nextTag = HANDLE_TAG_BASE;
  #terminated = false;
  #failure: LnvmError | undefined;

  constructor(
    rpc: AsyncContextServiceClient,
    context: AsyncContext,
    options: ContextHandleOptions,
  ) {
    this.#rpc = rpc;
    this.#context = context;
    this.#options = options;
    this.id = context.id;
    this.device = context.device;
    this.depth = context.depth;
  }

  /** Writes `data` (nsectors × sector size bytes, in address order) to `target`. */
  write(target: TargetInput, data: Uint8Array, meta?: Uint8Array): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue(
      (tag) => writeCommand(tag, t, data, meta),
      data.byteLength + (meta?.byteLength ?? 0),
    );
  }

  /** Reads `target`; the completion's `data` holds the sectors when its status is 0. */
  read(target: TargetInput, options: { withMeta?: boolean } = {}): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue((tag) => readCommand(tag, t, options.withMeta ?? false), 0);
  }

  /** Resets the chunks of `chunks` (1–64 addresses; their sector is ignored). */
  erase(chunks: readonly AddressInput[]): Promise<Completion> {
    return this.#issue((tag) => eraseCommand(tag, chunks.map(toAddress)), 0);
  }

  /** Copies `sources[i]` to `destinations[i]`. */
  copy(
    sources: readonly AddressInput[],
    destinations: readonly AddressInput[],
  ): Promise<Completion> {
    return this.#issue(
      (tag) => copyCommand(tag, sources.map(toAddress), destinations.map(toAddress)),
      0,
    );
  }

  /**
   * Submits a batch with one unary Submit, as it is, with the caller's tags (below
   * `HANDLE_TAG_BASE`); their completions arrive through `poke`, `wait` or `completions()`.
   * Not to be mixed with promise-style commands on the same handle while their session runs.
   */
  submit(
    commands: Command[],
    options: { waitForRoomMs?: number } & CallLimits = {},
  ): Promise<SubmitResponse> {
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
    const call = this.#call({
      timeoutMs: options.timeoutMs ?? waitMs + this.#options.defaultTimeoutMs,
      ...options,
    });
    return unary<SubmitResponse>((cb) => this.#rpc.submit(request, call, cb), options.signal);
  }

  /** Up to `max` pending completions (0 = all). Not while a session is attached. */
  async poke(max = 0, options: CallLimits = {}): Promise<Completion[]> {
    const response = await unary<PokeResponse>(
      (cb) =>
        this.#rpc.poke(
          create(PokeRequestSchema, { contextId: this.id, max }),
          this.#call(options),
          cb,
        ),
      options.signal,
    );
    return response.completions;
  }

  /**
   * Every pending completion once nothing is outstanding. Not while a session is attached.
   * No deadline unless given: it waits for the device.
   */
  async wait(options: CallLimits = {}): Promise<Completion[]> {
    const response = await unary<WaitResponse>(
      (cb) =>
        this.#rpc.wait(
          create(WaitRequestSchema, { contextId: this.id }),
          callOptions(options, Number.POSITIVE_INFINITY),
          cb,
        ),
      options.signal,
    );
    return response.completions;
  }

  /** The context's depth, outstanding, pending and held counts now. */
  async info(options: CallLimits = {}): Promise<AsyncContext> {
    const response = await unary<GetContextResponse>(
      (cb) =>
        this.#rpc.getContext(
          create(GetContextRequestSchema, { contextId: this.id }),
          this.#call(options),
          cb,
        ),
      options.signal,
    );
    if (!response.context) throw new LnvmError(status.INTERNAL, "GetContext returned no context");
    return response.context;
  }

  /**
   * Every completion batch as the session delivers it, including those of promise-style
   * commands. Ends when the context is terminated; breaking out of the loop stops listening.
   */
  async *completions(): AsyncGenerator<Completion[], void, undefined> {
    const queue: Completion[][] = [];
    let wake: (() => void) | undefined;
    const listener = (batch: Completion[]) => {
      queue.push(batch);
      // A consumer that falls behind pauses the session, so the server's flow control and
      // its byte budget, not this process's memory, absorb the difference.
      if (queue.length >= COMPLETIONS_HIGH_WATER_BATCHES) this.#session?.pause(true);
      wake?.();
    };
    this.#listeners.add(listener);
    this.#open();
    try {
      for (;;) {
        const batch = queue.shift();
        if (queue.length <= COMPLETIONS_LOW_WATER_BATCHES) this.#session?.pause(false);
        if (batch) {
          // An empty batch only wakes the loop (terminated or failed).
          if (batch.length > 0) yield batch;
          continue;
        }
        if (this.#failure) throw this.#failure;
        if (this.#terminated) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      this.#listeners.delete(listener);
      // A consumer that stops listening must not leave the session paused for the promises.
      this.#session?.pause(false);
    }
  }

  /** Terminates the context: commands issued before complete first; their promises settle. */
  async term(options: CallLimits = {}): Promise<void> {
    const session = this.#session;
    if (session) {
      await session.close();
      this.#session = undefined;
    }
    await unary<TermResponse>(
      (cb) =>
        this.#rpc.term(create(TermRequestSchema, { contextId: this.id }), this.#call(options), cb),
      options.signal,
    );
    this.#terminated = true;
    for (const listener of this.#listeners) listener([]);
  }

  /** Closes the session (if open) without terminating the context: what it holds stays held. */
  detach(): void {
    this.#session?.cancel();
    this.#session = undefined;
  }

  #call(limits: CallLimits): Partial<CallOptions> {
    return callOptions(limits, this.#options.defaultTimeoutMs);
  }

  #issue(build: (tag: bigint) => Command, writeNbytes: number): Promise<Completion> {
    if (this.#terminated)
      return Promise.reject(
        new LnvmError(status.FAILED_PRECONDITION, `context ${this.id} is terminated`),
      );
    if (this.#failure) return Promise.reject(this.#failure);
    const tag = this.#nextTag++;
    const command = build(tag);
    return new Promise<Completion>((resolve, reject) => {
      this.#waiters.set(tag, { resolve, reject });
      this.#open().send({ command, writeNbytes });
    });
  }

  #open(): IoSession {
    if (this.#session) return this.#session;
    const session = new IoSession(
      this.#rpc,
      {
        contextId: this.id,
        depth: this.depth,
        heldBytesLimit: Number(this.#context.heldBytesLimit) || Number.POSITIVE_INFINITY,
        maxReceiveMessageBytes: this.#options.maxReceiveMessageBytes,
      },
      {
        completions: (batch) => {
          for (const completion of batch) {
            const waiter = this.#waiters.get(completion.tag);
            if (waiter) {
              this.#waiters.delete(completion.tag);
              waiter.resolve(completion);
            }
          }
          for (const listener of this.#listeners) listener(batch);
        },
        refused: (error, refused) => {
          // Commands behind a refused one may depend on it (writes to the same chunk), so they
          // fail with the same error instead of reaching the device out of order.
          for (const { command } of refused) {
            this.#waiters.get(command.tag)?.reject(error);
            this.#waiters.delete(command.tag);
          }
        },
        failed: (error, unsent) => {
          this.#failure = error;
          if (this.#session === session) this.#session = undefined;
          // Commands never sent fail with the error; those sent may have run, but their
          // completions can no longer arrive: they fail too, saying so.
          for (const { command } of unsent) {
            this.#waiters.get(command.tag)?.reject(error);
            this.#waiters.delete(command.tag);
          }
          for (const waiter of this.#waiters.values()) {
            waiter.reject(
              new LnvmError(
                error.code,
                `${error.message} (the command may have reached the device; its completion is lost)`,
              ),
            );
          }
          this.#waiters.clear();
          for (const listener of this.#listeners) listener([]);
        },
      },
    );
    this.#session = session;
    return session;
  }
}

export type { SessionCommand };
