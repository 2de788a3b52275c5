import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";

/** What the figures were measured on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly fio: string;
  readonly python: string;
  /** ISO 8601 start of the run. */
  readonly date: string;
  /** 1-minute load average when the run started (other work on the machine skews figures). */
  readonly loadAverage1m: number;
  /** `git describe --always --dirty` of the tree measured. */
  readonly commit: string;
}

function versionOf(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
      .trim()
      .split("\n")[0] as string;
  } catch {
    return "not available";
  }
}

/** CPU model, cores, memory, kernel and tool versions of this machine, and the time now. */
export function describeMachine(): MachineInfo {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? "unknown";
  return {
    cpuModel: model.trim(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    fio: versionOf("fio", ["--version"]),
    python: versionOf("/usr/bin/python3", ["--version"]),
    date: new Date().toISOString(),
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    commit: versionOf("git", ["describe", "--always", "--dirty"]),
  };
}
