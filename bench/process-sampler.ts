import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (`getconf CLK_TCK`, else 100). */
const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const KIB_PER_MIB = 1024;

/** CPU and memory of a process over an interval. */
export interface ProcessUsage {
  /** utime + stime of all its threads over the interval, percent of one core. */
  readonly cpuPercent: number;
  /** Peak resident set (VmHWM) in MiB: since `start()` if the peak could be reset, else ever. */
  readonly peakRssMiB: number;
  /** Resident set (VmRSS) at `stop()`, MiB. */
  readonly rssMiB: number;
  /** Wall time of the interval in seconds. */
  readonly seconds: number;
  /** Whether VmHWM was reset at `start()` (writing 5 to /proc/<pid>/clear_refs). */
  readonly peakReset: boolean;
}

/** CPU ticks (utime + stime) of `pid` from /proc/<pid>/stat. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** A field of /proc/<pid>/status in KiB (VmHWM, VmRSS); 0 if absent. */
function statusKiB(pid: number, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

/** Resident set (VmRSS) of `pid` now, MiB. */
export function residentMiB(pid: number): number {
  return statusKiB(pid, "VmRSS") / KIB_PER_MIB;
}

/**
 * Measures a process (by pid) from /proc between `start()` and `stop()`: its CPU share and
 * its peak resident set. Linux only.
 */
export class ProcessSampler {
  readonly pid: number;
  #ticks0 = 0;
  #t0Ms = 0;
  #peakReset = false;

  constructor(pid: number) {
    this.pid = pid;
  }

  /** Resets the peak RSS where the kernel allows it and starts the interval. */
  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, "5");
      this.#peakReset = true;
    } catch {
      this.#peakReset = false;
    }
    this.#ticks0 = cpuTicks(this.pid);
    this.#t0Ms = performance.now();
  }

  /** Ends the interval and returns the usage over it. */
  stop(): ProcessUsage {
    const ticks = cpuTicks(this.pid) - this.#ticks0;
    const seconds = (performance.now() - this.#t0Ms) / 1000;
    return {
      cpuPercent: (ticks / CLOCK_TICKS_PER_S / seconds) * 100,
      peakRssMiB: statusKiB(this.pid, "VmHWM") / KIB_PER_MIB,
      rssMiB: residentMiB(this.pid),
      seconds,
      peakReset: this.#peakReset,
    };
  }
}
