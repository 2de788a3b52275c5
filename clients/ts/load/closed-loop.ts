import { performance } from "node:perf_hooks";
import { LatencyRecorder } from "./latency-recorder.js";

/**
 * Issues one command from `slot` (0 ≤ slot < qd) and returns true, then reports it exactly once
 * to `loop` (`complete`, `release` or `fail`), synchronously or later; returns false when the
 * workload has nothing more to issue (the run then winds down).
 */
export type IssueCommand = (slot: number, loop: ClosedLoop) => boolean;

/** What a closed-loop run did. */
export interface ClosedLoopResult {
  /** Commands completed. */
  readonly ncommands: number;
  /** Commands that completed with a failure status. */
  readonly errors: number;
  /** From the first command issued until the last one completed, seconds. */
  readonly seconds: number;
  /** Whether the workload ran out of commands before the loop was stopped. */
  readonly exhausted: boolean;
  /** The latency of every completed command, as its issuer measured it. */
  readonly latency: LatencyRecorder;
}

/**
 * A closed-loop load generator: keeps `qd` commands in flight, issuing the next from a slot as
 * soon as that slot's command completes, until stopped, the workload is exhausted or a command
 * fails. The hot path (`complete`) allocates nothing; the run time is either `run`'s deadline,
 * checked before each command is issued (one clock read), or the caller's own check (`start`,
 * then `stop`: no clock read at all, for a caller that polls in a tight loop anyway). The
 * issuer measures each command's latency. Counters are live: a caller may read them meanwhile.
 */
export class ClosedLoop {
  readonly qd: number;
  readonly latency = new LatencyRecorder();
  ncommands = 0;
  errors = 0;
  exhausted = false;
  readonly #issue: IssueCommand;
  #inflight = 0;
  #stopping = false;
  #failed = false;
  #failure: unknown;
  #startedMs = 0;
  #deadlineMs = Number.POSITIVE_INFINITY;
  #endedMs: number | undefined;
  #onEnd: (() => void) | undefined;

  constructor(qd: number, issue: IssueCommand) {
    if (!(Number.isInteger(qd) && qd > 0))
      throw new RangeError(`qd must be a positive integer, got ${qd}`);
    this.qd = qd;
    this.#issue = issue;
  }

  /** Commands issued and not yet reported. */
  get inflight(): number {
    return this.#inflight;
  }

  /** Whether no new command is issued any more (stopped, exhausted or failed). */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Whether every command issued has been reported after the loop began to stop. */
  get ended(): boolean {
    return this.#endedMs !== undefined;
  }

  /** Issues the first `qd` commands. */
  start(): void {
    this.#startedMs = performance.now();
    for (let slot = 0; slot < this.qd && !this.#stopping; slot++) this.#next(slot);
    this.#endIfIdle();
  }

  /** Issues no new command; those in flight still complete. */
  stop(): void {
    this.#stopping = true;
    this.#endIfIdle();
  }

  /**
   * Starts, issues no new command once `seconds` have passed (undefined: only `stop` or the
   * workload's end stop it), and resolves once every command has completed; rejects with the
   * first failure, once nothing is in flight any more.
   */
  run(seconds?: number): Promise<ClosedLoopResult> {
    return new Promise((resolve, reject) => {
      this.#onEnd = () => {
        if (this.#failed) reject(this.#failure);
        else resolve(this.result());
      };
      if (seconds !== undefined) this.#deadlineMs = performance.now() + seconds * 1000;
      this.start();
    });
  }

  /** The command from `slot` completed, taking `latencyNs`; issues the slot's next one. */
  complete(slot: number, failed: boolean, latencyNs: number): void {
    this.#inflight--;
    this.ncommands++;
    if (failed) this.errors++;
    this.latency.recordNs(latencyNs);
    this.#next(slot);
    this.#endIfIdle();
  }

  /** The slot issued nothing countable after all (it noticed the loop stopping); it ends. */
  release(_slot: number): void {
    this.#inflight--;
    this.#endIfIdle();
  }

  /** The command from `slot` failed outright: the loop stops and `run` rejects with `error`. */
  fail(_slot: number, error: unknown): void {
    this.#inflight--;
    if (!this.#failed) {
      this.#failed = true;
      this.#failure = error;
    }
    this.#stopping = true;
    this.#endIfIdle();
  }

  /** The figures so far (final once `ended`). */
  result(): ClosedLoopResult {
    const endMs = this.#endedMs ?? performance.now();
    return {
      ncommands: this.ncommands,
      errors: this.errors,
      seconds: (endMs - this.#startedMs) / 1000,
      exhausted: this.exhausted,
      latency: this.latency,
    };
  }

  #next(slot: number): void {
    if (this.#stopping) return;
    if (this.#deadlineMs !== Number.POSITIVE_INFINITY && performance.now() >= this.#deadlineMs) {
      this.#stopping = true;
      return;
    }
    this.#inflight++;
    if (this.#issue(slot, this)) return;
    this.#inflight--;
    this.exhausted = true;
    this.#stopping = true;
  }

  #endIfIdle(): void {
    if (this.#inflight > 0 || !this.#stopping || this.#endedMs !== undefined) return;
    this.#endedMs = performance.now();
    this.#onEnd?.();
  }
}
