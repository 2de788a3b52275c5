import { performance } from "node:perf_hooks";
import { type Completion, Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import {
  type DmaBuffer,
  NvmAsyncContext,
  type NvmCommandStatus,
  yieldCpu,
} from "../../native/binding/index.js";
import type { ServedDevice } from "../devices/served-device.js";
import { StorageError } from "../errors.js";
import { ContextStats } from "../metrics/context-stats.js";
import { Admission, type Grant } from "./admission.js";
import { completionWireNbytes } from "./completion-batch-encoder.js";
import { type CompletionConsumer, CompletionDelivery } from "./completion-delivery.js";
import { CompletionLog } from "./completion-log.js";
import { commandHeldNbytes, type DecodedCommand } from "./decoded-command.js";
import { DmaPool } from "./dma-pool.js";
import { HeldBytesBudget } from "./held-bytes-budget.js";
import { type ReapedCompletion, toCompletionMessage } from "./reaped-completion.js";

/** What the context remembers about a command between submission and completion. */
interface InFlight {
  readonly tag: bigint;
  readonly opcode: Opcode;
  readonly data: DmaBuffer | undefined;
  readonly meta: DmaBuffer | undefined;
  /** Bytes charged to the budgets for this command's buffers. */
  readonly heldNbytes: number;
  /** Stats: `performance.now()` when its Submit arrived. */
  readonly receivedMs: number;
}

/** Budgets and limits a context is created with. */
export interface ContextBudgets {
  /** Bytes one Poke/Wait response may carry by default (`completionWireNbytes`). */
  readonly messageNbytes: number;
  /** Most bytes held for this context. */
  readonly contextHeldNbytes: number;
  /** The server's budget, shared by every context. */
  readonly server: HeldBytesBudget;
}

/**
 * A context as the service holds it: the binding's NvmAsyncContext, the DMA buffers of its
 * commands, and the completions it holds until acknowledged. Admission (room, byte budgets,
 * waiters), the completion log and delivery to the attached consumer are its parts; transports
 * (handlers) only translate.
 *
 * Room: at most `depth` commands are outstanding or held, so a consumer that stops reading or
 * acknowledging stops admission instead of growing memory.
 */
export class ServedContext {
  readonly id: string;
  readonly device: ServedDevice;
  readonly depth: number;
  /** Milliseconds timestamp of the last use of the context for I/O. */
  lastActivityMs = Date.now();
  readonly admission: Admission;
  readonly budget: HeldBytesBudget;
  /** Counters of this context's I/O (the Stats RPC and metrics read them). */
  readonly stats: ContextStats;
  readonly #native: NvmAsyncContext<InFlight>;
  readonly #pool: DmaPool;
  readonly #messageNbytes: number;
  readonly #log: CompletionLog;
  readonly #delivery: CompletionDelivery;
  #sequence = 0;
  #outstanding = 0;
  #submitted = 0;
  #idleWaiters: (() => void)[] = [];
  #deliveredWaiters: (() => void)[] = [];
  #closed = false;

  constructor(id: string, device: ServedDevice, depth: number, budgets: ContextBudgets) {
    this.id = id;
    this.device = device;
    this.#messageNbytes = budgets.messageNbytes;
    this.#native = NvmAsyncContext.init<InFlight>(device.device, depth, this.#onCompletion);
    this.depth = this.#native.depth;
    this.#pool = new DmaPool(device.device);
    this.stats = new ContextStats(device.stats, device.device.geometry.nbytes);
    this.budget = new HeldBytesBudget(budgets.contextHeldNbytes, budgets.server);
    this.#log = new CompletionLog((entry) => this.#release(entry));
    this.#delivery = new CompletionDelivery(
      this.#log,
      (through) => this.acknowledge(through),
      completionWireNbytes,
      (batch) => this.stats.delivered(batch),
    );
    const context = this;
    this.admission = new Admission({
      get freeSlots() {
        return context.depth - context.#outstanding - context.#log.length;
      },
      depth: this.depth,
      budget: this.budget,
      serverBudget: budgets.server,
    });
  }

  /** Commands submitted to the device and not yet reaped. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Completions held and not written to the attached consumer. */
  get pending(): number {
    return this.#log.pending;
  }

  /** Completions written to the attached consumer and not acknowledged. */
  get unacknowledged(): number {
    return this.#log.unacknowledged;
  }

  /** Every completion held: pending and unacknowledged. */
  get held(): number {
    return this.#log.length;
  }

  /** Commands submitted to the device since Init. */
  get submitted(): number {
    return this.#submitted;
  }

  /** Commands a batch may add now: depth − outstanding − held − slots granted to waiters. */
  get room(): number {
    return this.depth - this.#outstanding - this.#log.length - this.admission.grantedSlots;
  }

  get consumer(): CompletionConsumer | undefined {
    return this.#delivery.consumer;
  }

  /** Consumers attached so far: a call that saw it change knows one took completions. */
  get consumerAttachments(): number {
    return this.#delivery.attachments;
  }

  /** Bytes of completion messages inside grpc-js, not yet flushed to the socket. */
  get inTransportNbytes(): number {
    return this.#delivery.inTransportNbytes;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether something still uses the context: a consumer, I/O, or a batch waiting for room. */
  get inUse(): boolean {
    return this.consumer !== undefined || this.#outstanding > 0 || this.admission.waiting > 0;
  }

  /**
   * Submits validated commands in order, under `grant` (from `admission`). If the library
   * refuses a command anyway, the ones before it stay submitted and a DEVICE_ERROR names the
   * count. `receivedMs` is when the commands reached the server (`performance.now()`), for the
   * end-to-end latency.
   */
  submit(commands: readonly DecodedCommand[], grant: Grant, receivedMs = performance.now()): void {
    let submitted = 0;
    let usedNbytes = 0;
    try {
      for (const command of commands) {
        const nbytes = commandHeldNbytes(command, this.device.device.geometry);
        this.#submitOne(command, nbytes, receivedMs);
        usedNbytes += nbytes;
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
      this.admission.refund(grant, submitted, usedNbytes);
      if (submitted > 0) {
        this.#submitted += submitted;
        this.lastActivityMs = Date.now();
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
   * attached consumer, and wakes idle waiters. Called by the poller and by Poke. Returns the
   * number reaped.
   */
  reap(max: number): number {
    if (this.#outstanding === 0) return 0;
    const n = this.#native.poke(max);
    if (n > 0) this.#delivery.flush();
    if (this.#outstanding === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
      this.#checkDelivered();
    }
    return n;
  }

  /**
   * The oldest held completions for a Poke or Wait response: up to `max` (0 = all), no more
   * than `messageNbytes` of wire bytes (0 = the server's limit). Without `ackThrough` they
   * count as acknowledged at once (at most once); with it, completions through `ackThrough`
   * are acknowledged first and those returned stay held until a later acknowledgement.
   */
  take(max: number, messageNbytes: number, ackThrough: number | undefined): Completion[] {
    if (ackThrough !== undefined) this.acknowledge(ackThrough);
    const budget =
      messageNbytes > 0 ? Math.min(messageNbytes, this.#messageNbytes) : this.#messageNbytes;
    const batch = this.#log.oldest(budget, completionWireNbytes, max === 0 ? Infinity : max);
    const messages = batch.map(toCompletionMessage);
    this.stats.delivered(batch);
    const last = batch[batch.length - 1];
    if (ackThrough === undefined && last) this.acknowledge(last.sequence);
    this.lastActivityMs = Date.now();
    return messages;
  }

  /** Releases every held completion whose sequence is at most `through`; returns how many. */
  acknowledge(through: number): number {
    const released = this.#log.acknowledge(through);
    if (released > 0) {
      this.admission.notify();
      this.#delivery.flush();
      this.#checkDelivered();
    }
    return released;
  }

  /**
   * Resolves once nothing is outstanding or waiting for admission and, if a consumer is
   * attached, it acknowledged everything held: what shutdown waits for before it ends sessions.
   * Without a consumer, held completions stay held (nobody could take them).
   */
  whenDelivered(): Promise<void> {
    if (this.#delivered) return Promise.resolve();
    return new Promise((resolve) => this.#deliveredWaiters.push(resolve));
  }

  get #delivered(): boolean {
    return (
      this.#outstanding === 0 &&
      this.admission.waiting === 0 &&
      (this.consumer === undefined || this.#log.length === 0)
    );
  }

  #checkDelivered(): void {
    if (this.#deliveredWaiters.length === 0 || !this.#delivered) return;
    const waiters = this.#deliveredWaiters;
    this.#deliveredWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once nothing is outstanding. */
  whenIdle(): Promise<void> {
    if (this.#outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Attaches the one consumer (session or stream) and replays what is held. */
  attach(consumer: CompletionConsumer): boolean {
    if (this.#closed) return false;
    return this.#delivery.attach(consumer);
  }

  /** Detaches `consumer` (cancelled or failed); what it did not acknowledge stays held. */
  detach(consumer: CompletionConsumer): void {
    if (!this.#delivery.detach(consumer)) return;
    // The lease counts from the moment the client went away, not from its last call.
    this.lastActivityMs = Date.now();
    this.#checkDelivered();
  }

  /**
   * Terminates: waits for outstanding I/O, delivers what it can to an attached consumer and
   * ends it, discards the rest, and releases native resources. Returns the completions
   * discarded unacknowledged. Idempotent.
   */
  async close(): Promise<number> {
    if (this.#closed) return 0;
    this.#closed = true;
    this.admission.close();
    await this.whenIdle();
    this.#delivery.flush();
    const consumer = this.consumer;
    if (consumer) {
      this.#delivery.detach(consumer);
      consumer.end();
    }
    const discarded = this.#log.clear();
    try {
      this.#native.term();
    } finally {
      this.#pool.close();
    }
    return discarded;
  }

  #submitOne(command: DecodedCommand, heldNbytes: number, receivedMs: number): void {
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
            { tag: command.tag, opcode: Opcode.READ, data, meta, heldNbytes, receivedMs },
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
            { tag: command.tag, opcode: Opcode.WRITE, data, meta, heldNbytes, receivedMs },
            command.target,
            data,
            meta,
          ),
        );
        break;
      }
      case "erase":
        native.erase(
          {
            tag: command.tag,
            opcode: Opcode.ERASE,
            data: undefined,
            meta: undefined,
            heldNbytes,
            receivedMs,
          },
          command.chunks,
        );
        break;
      case "copy":
        native.copy(
          {
            tag: command.tag,
            opcode: Opcode.COPY,
            data: undefined,
            meta: undefined,
            heldNbytes,
            receivedMs,
          },
          command.sources,
          command.destinations,
        );
        break;
    }
    this.#outstanding++;
    this.stats.submitted(command);
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
    status: NvmCommandStatus,
    result: bigint,
    latencyNs: number,
  ): void => {
    this.#outstanding--;
    this.stats.completed(command.opcode, status, latencyNs);
    // Read data stays in its DMA buffer until acknowledged; other buffers go back to the pool
    // (and their bytes to the budgets) now.
    const keep = command.opcode === Opcode.READ && status.code === 0;
    if (!keep) {
      if (command.data) this.#pool.release(command.data);
      if (command.meta) this.#pool.release(command.meta);
      this.budget.release(command.heldNbytes);
    }
    this.#log.push({
      tag: command.tag,
      sequence: ++this.#sequence,
      opcode: command.opcode,
      status,
      result,
      latencyNs,
      data: keep ? command.data : undefined,
      meta: keep ? command.meta : undefined,
      heldNbytes: keep ? command.heldNbytes : 0,
      receivedMs: command.receivedMs,
    });
  };

  #release(reaped: ReapedCompletion): void {
    if (reaped.data) this.#pool.release(reaped.data);
    if (reaped.meta) this.#pool.release(reaped.meta);
    this.budget.release(reaped.heldNbytes);
  }
}
