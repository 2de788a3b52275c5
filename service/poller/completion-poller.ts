import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { yieldCpu } from "../../native/binding/index.js";

/** What the poller needs of a context. */
export interface Pollable {
  readonly outstanding: number;
  /** Reaps at most `max` completions (0 = all ready); returns how many. */
  reap(max: number): number;
}

/** Completions reaped from one context per tick, so one busy context cannot starve others. */
export const DEFAULT_POKE_MAX = 256;

/**
 * How long the loop keeps polling on `setImmediate` while ticks reap nothing, in microseconds,
 * before it polls on a 1 ms timer instead, so slow I/O does not cost a whole core.
 */
export const SPIN_BUDGET_US = 2000;

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
  /** When the current run of empty ticks began (performance.now() ms); 0 after a reap. */
  #emptySinceMs = 0;

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
    this.#emptySinceMs = 0;
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
    if (reaped > 0) {
      this.#emptySinceMs = 0;
      setImmediate(this.#tick);
      return;
    }
    // Nothing was ready: the I/O runs on the model's worker threads, which may be waiting for
    // this very CPU. Give it up for a moment before polling again.
    yieldCpu();
    const now = performance.now();
    if (this.#emptySinceMs === 0) this.#emptySinceMs = now;
    if ((now - this.#emptySinceMs) * 1000 < SPIN_BUDGET_US) setImmediate(this.#tick);
    else setTimeout(this.#tick, BACKOFF_DELAY_MS);
  };
}
