import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../service/main.ts", import.meta.url));
/** Log lines of the server kept for a failure report. */
const KEPT_LOG_LINES = 50;

/**
 * `service/main.ts` running as a child process for a runner (fuzz, torture, soak) outside any
 * test: killed when the runner exits, restartable, its RSS readable.
 */
export interface RunnerServer {
  readonly pid: number;
  /** host:port it serves on. */
  readonly address: string;
  /** Whether it is still running. */
  readonly alive: boolean;
  /** Its exit code or signal once it has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last log lines it wrote (JSON text), for a failure report. */
  readonly recentLogs: readonly string[];
  /** Resident set size now, MiB; undefined once it has exited. */
  rssMiB(): number | undefined;
  /** SIGKILL, as a crash would: nothing is flushed. Resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after `timeoutMs`. Resolves once it has exited. */
  stop(timeoutMs?: number): Promise<void>;
}

/** How often the ready file is looked for, milliseconds. */
const READY_POLL_MS = 20;

/**
 * Starts `node --import tsx service/main.ts --listen 127.0.0.1:0 --ready-file F ...args` and
 * resolves once it wrote its ready file. Rejects if it exits first.
 */
export async function startRunnerServer(args: readonly string[]): Promise<RunnerServer> {
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-ready-"));
  const readyFile = join(dir, "ready.json");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "--listen", "127.0.0.1:0", "--ready-file", readyFile, ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const recentLogs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let alive = true;
  // A runner that dies must not leave its server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => {
    alive = false;
    process.off("exit", killOnExit);
  });
  const stderr = child.stderr;
  if (!stderr || child.pid === undefined) throw new Error("could not start the server");
  const pid = child.pid;
  const lines = createInterface({ input: stderr });
  lines.on("line", (line) => {
    recentLogs.push(line);
    if (recentLogs.length > KEPT_LOG_LINES) recentLogs.shift();
  });
  let address: string | undefined;
  try {
    while (address === undefined) {
      if (!alive) {
        throw new Error(`server exited before serving:\n${recentLogs.join("\n")}`);
      }
      const text = await readFile(readyFile, "utf8").catch(() => undefined);
      if (text) address = String((JSON.parse(text) as { address: unknown }).address);
      else await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const served = address;
  return {
    pid,
    address: served,
    exited,
    recentLogs,
    get alive() {
      return alive;
    },
    rssMiB() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        const kib = /VmRSS:\s+(\d+)/.exec(status)?.[1];
        return kib === undefined ? undefined : Number(kib) / 1024;
      } catch {
        return undefined;
      }
    },
    async kill() {
      if (!alive) return;
      child.kill("SIGKILL");
      await exited;
    },
    async stop(timeoutMs = 15_000) {
      if (!alive) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
