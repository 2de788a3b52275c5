import { create } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
import {
  type AddressInput,
  type Command,
  CommandSchema,
  type Completion,
  type ContextHandle,
  LnvmError,
  type TargetInput,
  toAddress,
  toTarget,
} from "../ts/index.js";

/**
 * Most data one Submit carries, bytes: well under the server's default 16 MiB message limit, so
 * a full queue of 64-sector writes never makes a request the server refuses.
 */
export const MAX_SUBMIT_NBYTES = 4 * 1024 * 1024;

/** How long a Submit may wait on the server for room, milliseconds. */
const WAIT_FOR_ROOM_MS = 60_000;

interface Waiter {
  resolve(completion: Completion): void;
  reject(error: unknown): void;
}

/**
 * Promise-per-command I/O on a context that keeps the device's submission order equal to the
 * issue order. `ContextHandle`'s own helpers batch commands per tick but let several Submit
 * calls travel at once, and separate gRPC calls may reach the server in any order (a large
 * Submit's frames wait on flow control while a small one overtakes it), which breaks the
 * write-pointer rule for writes to one chunk. Here only one Submit is in flight at a time:
 * commands issued meanwhile queue up and go together in the next one (at most
 * `MAX_SUBMIT_NBYTES` of data each). Completions come from the handle's completion stream,
 * matched by tag.
 *
 * Callers keep at most the context's depth commands in flight, so every Submit fits at once.
 */
export class OrderedSubmitter {
  readonly #handle: ContextHandle;
  readonly #waiters = new Map<bigint, Waiter>();
  #queue: Command[] = [];
  #submitting = false;
  #nextTag = 1n;
  #failure: unknown;
  readonly #listening: Promise<void>;

  constructor(handle: ContextHandle) {
    this.#handle = handle;
    this.#listening = this.#listen();
  }

  /** Writes `data` (nsectors × nbytes) to `target`; resolves with the completion. */
  write(target: TargetInput, data: Uint8Array): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue((tag) =>
      create(CommandSchema, { tag, op: { case: "write", value: { target: t, data } } }),
    );
  }

  /** Reads `target`; the completion's `data` holds the sectors on success. */
  read(target: TargetInput): Promise<Completion> {
    const { target: t } = toTarget(target);
    return this.#issue((tag) =>
      create(CommandSchema, { tag, op: { case: "read", value: { target: t, withMeta: false } } }),
    );
  }

  /** Resets 1–64 chunks (their sector fields are ignored). */
  erase(chunks: readonly AddressInput[]): Promise<Completion> {
    return this.#issue((tag) =>
      create(CommandSchema, {
        tag,
        op: { case: "erase", value: { chunks: chunks.map(toAddress) } },
      }),
    );
  }

  /** Copies `sources[i]` to `destinations[i]` (1–64 pairs). */
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

  /** Terminates the context (outstanding commands complete first) and stops listening. */
  async close(): Promise<void> {
    await this.#handle.term();
    await this.#listening;
  }

  #issue(build: (tag: bigint) => Command): Promise<Completion> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const tag = this.#nextTag++;
    return new Promise<Completion>((resolve, reject) => {
      this.#waiters.set(tag, { resolve, reject });
      this.#queue.push(build(tag));
      if (!this.#submitting) {
        this.#submitting = true;
        // Let the commands issued in this tick join the batch.
        queueMicrotask(() => this.#pump());
      }
    });
  }

  #pump(): void {
    if (this.#queue.length === 0 || this.#failure !== undefined) {
      this.#submitting = false;
      return;
    }
    let nbytes = 0;
    let count = 0;
    for (const command of this.#queue) {
      const size = command.op.case === "write" ? command.op.value.data.byteLength : 0;
      if (count > 0 && (nbytes + size > MAX_SUBMIT_NBYTES || count >= this.#handle.depth)) break;
      nbytes += size;
      count++;
    }
    const batch = this.#queue.splice(0, count);
    this.#submitting = true;
    this.#handle.submit(batch, { waitForRoomMs: WAIT_FOR_ROOM_MS }).then(
      () => this.#pump(),
      (error: unknown) => {
        const failure = LnvmError.from(error);
        for (const command of batch) this.#settle(command.tag)?.reject(failure);
        this.#pump();
      },
    );
  }

  async #listen(): Promise<void> {
    try {
      for await (const batch of this.#handle.completions()) {
        for (const completion of batch) this.#settle(completion.tag)?.resolve(completion);
      }
      this.#fail(
        new LnvmError(status.CANCELLED, `completion stream of context ${this.#handle.id} ended`),
      );
    } catch (error) {
      this.#fail(LnvmError.from(error));
    }
  }

  #settle(tag: bigint): Waiter | undefined {
    const waiter = this.#waiters.get(tag);
    this.#waiters.delete(tag);
    return waiter;
  }

  #fail(error: unknown): void {
    this.#failure = error;
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
    this.#queue = [];
  }
}
