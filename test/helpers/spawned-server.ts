import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";

/** The repository root, where `npm start` runs. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A spawned lnvmd (or `npm start`) and every line it wrote to stderr so far. */
export interface SpawnedServer {
  readonly child: ChildProcess;
  /** Every stderr line, in order; JSON lines are also parsed into `logs`. */
  readonly lines: string[];
  readonly logs: Record<string, unknown>[];
  /** Resolves with the address of the "serving" log line; rejects if the process exits first. */
  readonly serving: Promise<string>;
  /** Resolves with the exit code once the process exited (its output may still be arriving). */
  readonly exited: Promise<number | null>;
  /** Resolves once the process exited and its stderr ended: every line is in `lines`. */
  readonly closed: Promise<void>;
}

/**
 * Spawns `command args` in the repository root with stderr captured line by line. When the test
 * ends, the process is killed (SIGKILL) if it is still running, and so is the server process
 * that logged "serving" (another one when `command` is a launcher such as npm).
 */
export function spawnServerProcess(
  t: ExecutionContext,
  command: string,
  args: readonly string[],
): SpawnedServer {
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const lines: string[] = [];
  const logs: Record<string, unknown>[] = [];
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    const pid = logs.find((l) => l["msg"] === "serving")?.["pid"];
    if (typeof pid === "number" && pid !== child.pid) killIfAlive(pid);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const serving = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr }).on("line", (line) => {
      lines.push(line);
      if (!line.startsWith("{")) return;
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry["msg"] === "serving") resolve(entry["address"] as string);
    });
    exited.then((code) => reject(new Error(`exited with ${code} before serving`)));
  });
  serving.catch(() => {});
  return { child, lines, logs, serving, exited, closed };
}

/** Sends SIGKILL to `pid` unless it is gone already. */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: the usual case.
  }
}
