import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const PROBE_PROCESS = fileURLToPath(new URL("./stall-probe-process.ts", import.meta.url));

/** A round trip longer than this counts as a stall of the server's event loop. */
export const STALL_MS = 100;

/** What the probe saw. */
export interface ProbeSummary {
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Round trips over `STALL_MS`. */
  readonly stalls: number;
  /** Calls that failed, other than by passing their deadline. */
  readonly failures: number;
  /**
   * Calls that passed their 2 s deadline: a stall, or a machine too busy to answer in time.
   * Reported, not judged (a test must not depend on the machine's speed).
   */
  readonly late: number;
}

/**
 * Another client, in a process of its own, calling ListDevices every 50 ms while
 * a load runs: its round trips show how long the server's event loop stalled for everyone else.
 */
export class StallProbe {
  readonly #address: string;
  readonly #latenciesMs: number[] = [];
  #failures = 0;
  #late = 0;
  #child: ChildProcess | undefined;

  constructor(address: string) {
    this.#address = address;
  }

  start(): void {
    if (this.#child) return;
    const child = spawn(process.execPath, ["--import", "tsx", PROBE_PROCESS, this.#address], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.#child = child;
    if (!child.stdout) throw new Error("probe has no stdout");
    createInterface({ input: child.stdout }).on("line", (line) => {
      const ms = Number(line);
      if (ms === -2) this.#late++;
      else if (ms < 0) this.#failures++;
      else this.#latenciesMs.push(ms);
    });
  }

  /** Stops the probe once its current call is answered. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    if (child.exitCode !== null) return;
    child.stdin?.end();
    await once(child, "exit");
  }

  summary(): ProbeSummary {
    const sorted = [...this.#latenciesMs].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      calls: sorted.length + this.#failures + this.#late,
      p50Ms: round(at(0.5)),
      p99Ms: round(at(0.99)),
      maxMs: round(sorted[sorted.length - 1] ?? 0),
      stalls: sorted.filter((ms) => ms > STALL_MS).length,
      failures: this.#failures,
      late: this.#late,
    };
  }
}
