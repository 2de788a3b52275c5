import { type Completion, Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import {
  AsyncContext,
  type CommandStatus,
  type DmaBuffer,
  yieldCpu,
} from "../../native/binding/index.js";
import type { ServedDevice } from "../devices/served-device.js";
import { StorageError } from "../errors.js";
import { completionWireNbytes, encodeCompletionBatch } from "./completion-batch-encoder.js";
import type { DecodedCommand } from "./decoded-command.js";
import { DmaPool } from "./dma-pool.js";
import { PendingQueue } from "./pending-queue.js";
import { type ReapedCompletion, toCompletionMessage } from "./reaped-completion.js";

/** What the context remembers about a command between submission and completion. */
interface InFlight {
  readonly tag: bigint;
  readonly opcode: Opcode;
  readonly data: DmaBuffer | undefined;
  readonly meta: DmaBuffer | undefined;
}

/** Longest delay setTimeout honours (2^31 − 1 ms); longer waits are cut to it. */
const MAX_TIMER_MS = 0x7fffffff;

/** A Submit waiting for room, in arrival order. */
interface RoomWaiter {
  readonly n: number;
  done(granted: boolean): void;
}

/** The consumer side of a completion stream. */
export interface CompletionStream {
  /**
   * Sends one encoded StreamCompletionsResponse; false means the transport is full: wait for
   * `resumeStream` before more.
   */
  send(message: Buffer): boolean;
  /** Ends the stream with OK. */
  end(): void;
}

/**
 * A context as the service holds it: the binding's AsyncContext plus the completions reaped
 * but not yet delivered, the attached stream, and waiters for room and idleness.
 *
 * Room: at most `depth` commands are outstanding or pending, so pending never exceeds depth and
 * a stalled consumer stops new submissions instead of growing memory.
 */
export class ServedContext {
  readonly id: string;
  readonly device: ServedDevice;
  readonly depth: number;
  /** Milliseconds timestamp of the last call that named this context. */
  lastActivityMs = Date.now();
  readonly #native: AsyncContext<InFlight>;
  readonly #pool: DmaPool;
  readonly #messageNbytes: number;
  readonly #pending = new PendingQueue<ReapedCompletion>();
  #sequence = 0;
  #outstanding = 0;
  #stream: CompletionStream | undefined;
  #streamBlocked = false;
  #streamAttachments = 0;
  /** Room granted to Submits that waited for it and have not submitted yet. */
  #reserved = 0;
  #idleWaiters: (() => void)[] = [];
  readonly #roomWaiters: RoomWaiter[] = [];
  #closed = false;

  /** `messageNbytes` bounds one stream message or Poke/Wait response (`completionWireNbytes`). */
  constructor(id: string, device: ServedDevice, depth: number, messageNbytes: number) {
    this.id = id;
    this.device = device;
    this.#messageNbytes = messageNbytes;
    this.#native = AsyncContext.init<InFlight>(device.device, depth, this.#onCompletion);
    this.depth = this.#native.depth;
    this.#pool = new DmaPool(device.device);
  }

  /** Commands submitted to the device and not yet reaped. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Completions reaped and not yet delivered. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Commands a Submit may add now: depth − outstanding − pending − room granted to waiters. */
  get room(): number {
    return this.depth - this.#outstanding - this.#pending.length - this.#reserved;
  }

  get hasStream(): boolean {
    return this.#stream !== undefined;
  }

  /** Streams attached so far: a call that saw it change knows a stream took completions. */
  get streamAttachments(): number {
    return this.#streamAttachments;
  }

  /** Submits waiting for room. */
  get waitingSubmits(): number {
    return this.#roomWaiters.length;
  }

  /** Whether something still uses the context: a stream, I/O, or a Submit waiting for room. */
  get inUse(): boolean {
    return this.hasStream || this.#outstanding > 0 || this.#roomWaiters.length > 0;
  }

  /**
   * Submits validated commands in order. The caller checked `canSubmit`, or holds room that
   * `waitForRoom` granted (`granted`). If the library refuses a command anyway, the ones before
   * it stay submitted and a DEVICE_ERROR names the count.
   */
  submit(commands: readonly DecodedCommand[], granted = false): void {
    if (granted) this.#reserved -= commands.length;
    let submitted = 0;
    try {
      for (const command of commands) {
        this.#submitOne(command);
        submitted++;
      }
    } catch (error) {
      const cause = StorageError.from(error);
      throw new StorageError(
        cause.reason,
        `${cause.message} (${submitted} of ${commands.length} commands were submitted)`,
        { metadata: { ...cause.metadata, submitted: String(submitted) }, cause: error },
      );
    } finally {
      if (submitted > 0) {
        this.device.poller.wake(this);
        // Linux tends to wake a worker on the submitting thread's CPU, where it would wait for
        // this event loop to give the CPU up; yielding now lets it start the I/O at once
        // (measured at QD1: device latency ~150 µs → ~105 µs).
        yieldCpu();
      }
    }
  }

  /**
   * Reaps up to `max` completions from the device (0 = all ready), delivers what it can to the
   * attached stream, and wakes idle waiters. Called by the poller and by Poke. Returns the
   * number reaped.
   */
  reap(max: number): number {
    if (this.#outstanding === 0) return 0;
    const n = this.#native.poke(max);
    if (n > 0) this.#flush();
    if (this.#outstanding === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    }
    return n;
  }

  /**
   * Removes and returns up to `max` pending completions (0 = all), oldest first, no more than
   * fit one response; the rest stay pending.
   */
  take(max: number): Completion[] {
    const batch = this.#pending.takeWhileBudget(
      this.#messageNbytes,
      completionWireNbytes,
      max === 0 ? this.#pending.length : max,
    );
    const messages = batch.map(toCompletionMessage);
    for (const reaped of batch) this.#release(reaped);
    if (batch.length > 0) this.#notifyRoom();
    return messages;
  }

  /** Resolves once nothing is outstanding. */
  whenIdle(): Promise<void> {
    if (this.#outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Whether a Submit of `n` commands may go ahead now: they fit the room and no earlier Submit
   * is waiting for room (waiters are served first come, first served, so a small batch never
   * overtakes a large one submitted before it).
   */
  canSubmit(n: number): boolean {
    return this.#roomWaiters.length === 0 && this.room >= n;
  }

  /**
   * Queues behind earlier waiters until `n` commands fit. Resolves true with the room reserved
   * for the caller, who passes `granted` to `submit`; false when `timeoutMs` passes, `signal`
   * aborts or the context closes first.
   */
  waitForRoom(n: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (this.canSubmit(n)) {
      this.#reserved += n;
      return Promise.resolve(true);
    }
    if (this.#closed || signal.aborted || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: RoomWaiter = {
        n,
        done: (granted) => {
          clearTimeout(timer);
          signal.removeEventListener("abort", abort);
          const at = this.#roomWaiters.indexOf(waiter);
          if (at >= 0) this.#roomWaiters.splice(at, 1);
          resolve(granted);
          // The next waiter may fit too, or may now be at the head.
          queueMicrotask(() => this.#notifyRoom());
        },
      };
      const abort = () => waiter.done(false);
      const timer = setTimeout(abort, Math.min(timeoutMs, MAX_TIMER_MS));
      signal.addEventListener("abort", abort);
      this.#roomWaiters.push(waiter);
    });
  }

  /**
   * Attaches the one completion stream, dropping pending completions whose sequence is at most
   * `resumeAfter`, and sends what is pending. Returns false if a stream is already attached.
   */
  attachStream(stream: CompletionStream, resumeAfter: bigint): boolean {
    if (this.#stream) return false;
    this.#stream = stream;
    this.#streamAttachments++;
    this.#streamBlocked = false;
    if (resumeAfter > 0n) {
      const skipped = this.#pending.takeWhile((c) => BigInt(c.sequence) <= resumeAfter);
      for (const reaped of skipped) this.#release(reaped);
      if (skipped.length > 0) this.#notifyRoom();
    }
    this.#flush();
    return true;
  }

  /** The stream's transport drained: continue sending. */
  resumeStream(stream: CompletionStream): void {
    if (this.#stream !== stream) return;
    this.#streamBlocked = false;
    this.#flush();
  }

  /** Detaches `stream` (cancelled or failed); undelivered completions stay pending. */
  detachStream(stream: CompletionStream): void {
    if (this.#stream !== stream) return;
    this.#stream = undefined;
    // The lease counts from the moment the client went away, not from its last call.
    this.lastActivityMs = Date.now();
  }

  /**
   * Terminates: waits for outstanding I/O, delivers what it can to an attached stream and ends
   * it, discards the rest, and releases native resources. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#notifyRoom();
    await this.whenIdle();
    this.#flush();
    this.#stream?.end();
    this.#stream = undefined;
    for (const reaped of this.#pending.take(this.#pending.length)) this.#release(reaped);
    try {
      this.#native.term();
    } finally {
      this.#pool.close();
    }
  }

  #submitOne(command: DecodedCommand): void {
    const native = this.#native;
    const geometry = this.device.device.geometry;
    switch (command.op) {
      case "read": {
        const data = this.#pool.acquire(command.naddrs * geometry.nbytes);
        let meta: DmaBuffer | undefined;
        this.#guard([data], () => {
          // with_meta is ignored on a device without out-of-band bytes.
          if (command.withMeta && geometry.nbytesOob > 0) {
            meta = this.#pool.acquire(command.naddrs * geometry.nbytesOob);
          }
        });
        this.#guard([data, meta], () =>
          native.read(
            { tag: command.tag, opcode: Opcode.READ, data, meta },
            command.target,
            data,
            meta,
          ),
        );
        break;
      }
      case "write": {
        const data = this.#pool.acquire(command.data.byteLength);
        data.bytes.set(command.data);
        let meta: DmaBuffer | undefined;
        if (command.meta) {
          meta = this.#pool.acquire(command.meta.byteLength);
          meta.bytes.set(command.meta);
        }
        this.#guard([data, meta], () =>
          native.write(
            { tag: command.tag, opcode: Opcode.WRITE, data, meta },
            command.target,
            data,
            meta,
          ),
        );
        break;
      }
      case "erase":
        native.erase(
          { tag: command.tag, opcode: Opcode.ERASE, data: undefined, meta: undefined },
          command.chunks,
        );
        break;
      case "copy":
        native.copy(
          { tag: command.tag, opcode: Opcode.COPY, data: undefined, meta: undefined },
          command.sources,
          command.destinations,
        );
        break;
    }
    this.#outstanding++;
  }

  #guard(buffers: (DmaBuffer | undefined)[], submit: () => void): void {
    try {
      submit();
    } catch (error) {
      for (const buffer of buffers) if (buffer) this.#pool.release(buffer);
      throw error;
    }
  }

  readonly #onCompletion = (
    command: InFlight,
    status: CommandStatus,
    result: bigint,
    latencyNs: number,
  ): void => {
    this.#outstanding--;
    // Read data stays in its DMA buffer until delivery; other buffers go back to the pool now.
    const keep = command.opcode === Opcode.READ && status.code === 0;
    if (!keep) {
      if (command.data) this.#pool.release(command.data);
      if (command.meta) this.#pool.release(command.meta);
    }
    this.#pending.push({
      tag: command.tag,
      sequence: ++this.#sequence,
      opcode: command.opcode,
      status,
      result,
      latencyNs,
      data: keep ? command.data : undefined,
      meta: keep ? command.meta : undefined,
    });
  };

  #release(reaped: ReapedCompletion): void {
    if (reaped.data) this.#pool.release(reaped.data);
    if (reaped.meta) this.#pool.release(reaped.meta);
  }

  #flush(): void {
    const stream = this.#stream;
    if (!stream) return;
    let sent = false;
    while (!this.#streamBlocked && this.#pending.length > 0) {
      const batch = this.#pending.takeWhileBudget(this.#messageNbytes, completionWireNbytes);
      const message = encodeCompletionBatch(batch);
      for (const reaped of batch) this.#release(reaped);
      sent = true;
      if (!stream.send(message)) this.#streamBlocked = true;
    }
    if (sent) this.#notifyRoom();
  }

  #notifyRoom(): void {
    const head = this.#roomWaiters[0];
    if (!head) return;
    if (this.#closed) {
      for (const waiter of [...this.#roomWaiters]) waiter.done(false);
    } else if (this.room >= head.n) {
      this.#reserved += head.n;
      head.done(true);
    }
  }
}
