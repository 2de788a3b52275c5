import type { Logger } from "pino";

/** What the poller needs of a context. */
export interface Pollable {
  readonly outstanding: number;
  /** Reaps at most `max` completions (0 = all ready); returns how many. */
  reap(max: number): number;
}

/** Completions reaped from one context per tick, so one busy context cannot starve others. */
export const DEFAULT_POKE_MAX = 256;

/**
 * Consecutive ticks that reap nothing before the poller stops spinning on `setImmediate` and
 * polls on a 1 ms timer instead, so slow I/O does not cost a whole core.
 */
export const SPIN_TICKS_BEFORE_BACKOFF = 2000;

const BACKOFF_DELAY_MS = 1;

/**
 * The polling loop of one device. Each tick pokes every context with I/O outstanding with a
 * bounded `max` (the pokes route completions to streams or pending queues), then yields to the
 * event loop so gRPC can flush. With nothing outstanding anywhere it stops entirely: no timer,
 * no CPU. `wake` restarts it; Submit calls it.
 */
export class CompletionPoller {
  readonly #pokeMax: number;
  readonly #log: Logger;
  readonly #busy = new Set<Pollable>();
  #scheduled = false;
  #emptyTicks = 0;

  constructor(log: Logger, pokeMax = DEFAULT_POKE_MAX) {
    this.#pokeMax = pokeMax;
    this.#log = log;
  }

  /** Contexts with I/O outstanding that the loop is polling. */
  get busyCount(): number {
    return this.#busy.size;
  }

  /** Whether a tick is scheduled; false means the loop is idle. */
  get running(): boolean {
    return this.#scheduled;
  }

  /** Registers `context` as having I/O outstanding and starts the loop if idle. */
  wake(context: Pollable): void {
    this.#busy.add(context);
    this.#emptyTicks = 0;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#tick);
    }
  }

  readonly #tick = (): void => {
    this.#scheduled = false;
    let reaped = 0;
    for (const context of this.#busy) {
      try {
        reaped += context.reap(this.#pokeMax);
      } catch (error) {
        this.#log.error({ err: error }, "poke failed");
      }
      if (context.outstanding === 0) this.#busy.delete(context);
    }
    if (this.#busy.size === 0) return;
    this.#scheduled = true;
    this.#emptyTicks = reaped > 0 ? 0 : this.#emptyTicks + 1;
    if (this.#emptyTicks < SPIN_TICKS_BEFORE_BACKOFF) setImmediate(this.#tick);
    else setTimeout(this.#tick, BACKOFF_DELAY_MS);
  };
}
