import { PendingQueue } from "./pending-queue.js";
import type { ReapedCompletion } from "./reaped-completion.js";

/**
 * The completions a context holds, in sequence order, until the client acknowledges them:
 * exactly-once delivery is counted at acknowledgement, not at send.
 *
 * A cursor splits the log: entries before it were written to the attached consumer (session or
 * stream) and wait for its acknowledgement; entries from it on are pending. When a consumer
 * detaches, the cursor goes back to the start, so the next consumer gets every held completion
 * again, oldest first.
 */
export class CompletionLog {
  readonly #entries = new PendingQueue<ReapedCompletion>();
  /** Entries written to the current consumer and not acknowledged. */
  #sent = 0;
  #heldNbytes = 0;
  readonly #release: (entry: ReapedCompletion) => void;

  /** `release` frees what an entry holds (DMA buffers, its byte charge) once it leaves the log. */
  constructor(release: (entry: ReapedCompletion) => void) {
    this.#release = release;
  }

  /** Every held completion: pending and unacknowledged. */
  get length(): number {
    return this.#entries.length;
  }

  /** Written to the attached consumer, not acknowledged yet. */
  get unacknowledged(): number {
    return this.#sent;
  }

  /** Not written to the attached consumer (or no consumer is attached). */
  get pending(): number {
    return this.#entries.length - this.#sent;
  }

  /** Bytes the held completions charge (read data and metadata). */
  get heldNbytes(): number {
    return this.#heldNbytes;
  }

  /** Sequence of the newest held completion; 0 when empty. */
  get lastSequence(): number {
    return this.#entries.at(this.#entries.length - 1)?.sequence ?? 0;
  }

  push(entry: ReapedCompletion): void {
    this.#entries.push(entry);
    this.#heldNbytes += entry.heldNbytes;
  }

  /** Releases every completion whose sequence is at most `through`; returns how many. */
  acknowledge(through: number): number {
    const released = this.#entries.takeWhile((entry) => entry.sequence <= through);
    this.#sent = Math.max(0, this.#sent - released.length);
    for (const entry of released) {
      this.#heldNbytes -= entry.heldNbytes;
      this.#release(entry);
    }
    return released.length;
  }

  /**
   * The next pending completions for the consumer, oldest first: up to `max`, and no more than
   * `budget` wire bytes by `cost` (at least one when any is pending). They move behind the
   * cursor and stay held.
   */
  nextToSend(
    budget: number,
    cost: (entry: ReapedCompletion) => number,
    max = Infinity,
  ): ReapedCompletion[] {
    const batch = this.#entries.peekWhileBudget(this.#sent, budget, cost, max);
    this.#sent += batch.length;
    return batch;
  }

  /**
   * The oldest held completions, as `nextToSend` bounds them, without moving the cursor: what
   * Poke and Wait return (in acknowledged mode they stay held; otherwise the caller
   * acknowledges them).
   */
  oldest(
    budget: number,
    cost: (entry: ReapedCompletion) => number,
    max = Infinity,
  ): ReapedCompletion[] {
    return this.#entries.peekWhileBudget(0, budget, cost, max);
  }

  /** A consumer went away: everything held is pending again, for the next one. */
  rewind(): void {
    this.#sent = 0;
  }

  /** Releases everything (the context is terminated). */
  clear(): number {
    const n = this.#entries.length;
    this.acknowledge(Number.POSITIVE_INFINITY);
    return n;
  }
}
