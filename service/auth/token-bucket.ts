/**
 * A token bucket that never refuses: `reserve(cost)` takes the tokens at once, letting the
 * balance go negative, and says how long the caller must wait until the debt is paid. Callers
 * are therefore served in the order they reserved, and a cost larger than the burst still
 * passes, after a proportional delay. Refills at `ratePerSecond`, holding at most `burst`.
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  #balance: number;
  #updatedMs: number;

  /** `now` is the clock in milliseconds, `performance.now` unless a test injects one. */
  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.#ratePerMs = ratePerSecond / 1000;
    this.#burst = burst;
    this.#now = now;
    this.#balance = burst;
    this.#updatedMs = now();
  }

  /** Takes `cost` tokens; returns the milliseconds to wait before using them (0: at once). */
  reserve(cost: number): number {
    const now = this.#now();
    this.#balance = Math.min(
      this.#burst,
      this.#balance + (now - this.#updatedMs) * this.#ratePerMs,
    );
    this.#updatedMs = now;
    this.#balance -= cost;
    return this.#balance >= 0 ? 0 : -this.#balance / this.#ratePerMs;
  }

  /** Gives back `cost` tokens a caller reserved but did not use (it was cancelled). */
  refund(cost: number): void {
    this.#balance = Math.min(this.#burst, this.#balance + cost);
  }
}
