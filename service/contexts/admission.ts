import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { StorageError } from "../errors.js";
import type { HeldBytesBudget } from "./held-bytes-budget.js";

/** Longest delay setTimeout honours (2^31 − 1 ms); longer waits are cut to it. */
const MAX_TIMER_MS = 0x7fffffff;

/** What a batch of commands needs to be admitted. */
export interface AdmissionDemand {
  /** Commands: each takes one slot of the context's depth until its completion is acknowledged. */
  readonly n: number;
  /** Bytes of DMA buffers: held until completion (writes) or acknowledgement (reads). */
  readonly nbytes: number;
}

/**
 * Room granted to a batch: slots and bytes taken from the context's room and charged to the
 * budgets. `ServedContext.submit` consumes it; `Admission.refund` gives back what was not used.
 */
export interface Grant extends AdmissionDemand {}

/** What admission needs to know of its context. */
export interface AdmissionCapacity {
  /** Slots not taken by outstanding commands, held completions or grants. */
  readonly freeSlots: number;
  readonly depth: number;
  /** The context's budget (charged to the server's, its parent). */
  readonly budget: HeldBytesBudget;
  /** The server's budget, whose releases may let this context's waiters in. */
  readonly serverBudget: HeldBytesBudget;
}

interface Waiter {
  readonly demand: AdmissionDemand;
  done(grant: Grant | undefined): void;
}

/**
 * Admission to one context: a batch goes to the device only when its commands fit the free
 * depth and its bytes fit both byte budgets. Batches that must wait queue first come, first
 * served (a small batch never overtakes a large one that arrived earlier), and a grant is
 * reserved for its batch until it submits, so the next waiter is judged against what is really
 * left.
 */
export class Admission {
  readonly #capacity: AdmissionCapacity;
  readonly #waiters: Waiter[] = [];
  /** Slots granted and not yet submitted. */
  #grantedSlots = 0;
  #closed = false;
  #unsubscribe: (() => void) | undefined;

  constructor(capacity: AdmissionCapacity) {
    this.#capacity = capacity;
  }

  /** Slots granted to batches that have not submitted yet. */
  get grantedSlots(): number {
    return this.#grantedSlots;
  }

  /** Batches waiting for room. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** A grant now, if the demand fits and nobody is waiting before it; else undefined. */
  tryAdmit(demand: AdmissionDemand): Grant | undefined {
    if (this.#closed || this.#waiters.length > 0 || !this.#fits(demand)) return undefined;
    return this.#grant(demand);
  }

  /**
   * Waits in line until `demand` fits, then grants it. Resolves undefined when `timeoutMs`
   * passes, `signal` aborts or admission closes first. A demand that can never fit (more
   * commands than the depth, more bytes than the context's budget) is refused at once.
   */
  admit(
    demand: AdmissionDemand,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Grant | undefined> {
    const now = this.tryAdmit(demand);
    if (now) return Promise.resolve(now);
    if (
      this.#closed ||
      signal?.aborted ||
      timeoutMs <= 0 ||
      demand.n > this.#capacity.depth ||
      demand.nbytes > this.#capacity.budget.limit
    ) {
      return Promise.resolve(undefined);
    }
    return new Promise<Grant | undefined>((resolve) => {
      const waiter: Waiter = {
        demand,
        done: (grant) => {
          if (timer) clearTimeout(timer);
          signal?.removeEventListener("abort", abort);
          const at = this.#waiters.indexOf(waiter);
          if (at >= 0) this.#waiters.splice(at, 1);
          if (this.#waiters.length === 0) this.#stopListening();
          resolve(grant);
          // The next waiter may fit too, or may now be at the head.
          queueMicrotask(() => this.notify());
        },
      };
      const abort = () => waiter.done(undefined);
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(abort, Math.min(timeoutMs, MAX_TIMER_MS))
        : undefined;
      signal?.addEventListener("abort", abort);
      this.#waiters.push(waiter);
      this.#listen();
    });
  }

  /** Gives back the unused part of `grant` (`used` commands of it went to the device). */
  refund(grant: Grant, usedSlots: number, usedNbytes: number): void {
    this.#grantedSlots -= grant.n;
    const unused = grant.nbytes - usedNbytes;
    if (unused > 0) this.#capacity.budget.release(unused);
    if (usedSlots < grant.n) this.notify();
  }

  /** Room may have been freed: admits the head waiter if it fits now. */
  notify(): void {
    const head = this.#waiters[0];
    if (!head) return;
    if (this.#closed) {
      for (const waiter of [...this.#waiters]) waiter.done(undefined);
    } else if (this.#fits(head.demand)) {
      head.done(this.#grant(head.demand));
    }
  }

  /** Refuses every waiter and every later demand (the context is closing). */
  close(): void {
    this.#closed = true;
    this.notify();
  }

  /** The QUEUE_FULL error for a demand that was not admitted. */
  queueFull(
    demand: AdmissionDemand,
    contextId: string,
    counts: Record<string, number>,
  ): StorageError {
    const c = this.#capacity;
    const bytesShort = demand.nbytes > c.budget.free;
    const what = bytesShort
      ? `${demand.nbytes} bytes do not fit: ${c.budget.free} of the context's ${c.budget.limit} held bytes (and the server's ${c.serverBudget.free} of ${c.serverBudget.limit}) are free`
      : `${demand.n} commands do not fit: depth ${c.depth}, ${c.freeSlots - this.#grantedSlots} free`;
    return new StorageError(ErrorReason.QUEUE_FULL, `batch for context ${contextId}: ${what}`, {
      metadata: {
        depth: String(c.depth),
        requested: String(demand.n),
        requested_bytes: String(demand.nbytes),
        held_bytes: String(c.budget.used),
        held_bytes_limit: String(c.budget.limit),
        ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
      },
    });
  }

  #fits(demand: AdmissionDemand): boolean {
    return (
      this.#capacity.freeSlots - this.#grantedSlots >= demand.n &&
      this.#capacity.budget.free >= demand.nbytes
    );
  }

  #grant(demand: AdmissionDemand): Grant {
    this.#grantedSlots += demand.n;
    this.#capacity.budget.charge(demand.nbytes);
    return { n: demand.n, nbytes: demand.nbytes };
  }

  #listen(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#capacity.serverBudget.onRelease(() =>
      queueMicrotask(() => this.notify()),
    );
  }

  #stopListening(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
