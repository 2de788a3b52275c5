import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, watch } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";

/** The repository root, where `npm start` runs. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../service/main.ts", import.meta.url));

type LogEntry = Record<string, unknown>;

/** A spawned lnvmd (or a launcher of one, such as `npm start`) and what it wrote to stderr. */
export interface LnvmdProcess {
  readonly child: ChildProcess;
  /** Every stderr line so far, in order (the last `keptLines` of them when that is set). */
  readonly lines: readonly string[];
  /** The JSON lines of `lines`, parsed. */
  readonly logs: readonly LogEntry[];
  /** Resolves with the address of the "serving" log line; rejects if the process exits first. */
  readonly serving: Promise<string>;
  /** Resolves with the exit code (null after a signal); its output may still be arriving. */
  readonly exited: Promise<number | null>;
  /** Resolves once the process exited and its stderr ended: every line is in `lines`. */
  readonly closed: Promise<void>;
  /** Whether the process is still running. */
  readonly alive: boolean;
  /** Resolves with the first log entry whose `msg` is `msg`, logged so far or later. */
  logged(msg: string): Promise<LogEntry>;
  /** Resolves with the first entry logged from now on that `match` accepts (not earlier ones). */
  nextLog(match: (entry: LogEntry) => boolean): Promise<LogEntry>;
  /** Resident set size now, MiB; undefined once the process has exited. */
  rssMiB(): number | undefined;
  /** SIGKILL, as a crash would: nothing is flushed. Resolves once the process has exited. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after `timeoutMs`. Resolves once it has exited. */
  stop(timeoutMs?: number): Promise<void>;
}

/** The arguments that run `service/main.ts` with `args` under `node`. */
export function lnvmdArgs(args: readonly string[]): string[] {
  return ["--import", "tsx", MAIN, ...args];
}

/**
 * Spawns `command args` in the repository root with stderr captured line by line; with
 * `keptLines`, only that many of the latest lines (and log entries) are kept. The caller ends
 * the process: the starters below tie it to a test or to the runner's own process.
 */
export function spawnLnvmd(
  command: string,
  args: readonly string[],
  keptLines = Number.POSITIVE_INFINITY,
): LnvmdProcess {
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const lines: string[] = [];
  const logs: LogEntry[] = [];
  const watchers: { match: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }[] =
    [];
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      alive = false;
      resolve(code);
    }),
  );
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    lines.push(line);
    if (lines.length > keptLines) lines.shift();
    if (!line.startsWith("{")) return;
    const entry = JSON.parse(line) as LogEntry;
    logs.push(entry);
    if (logs.length > keptLines) logs.shift();
    for (const w of [...watchers]) {
      if (w.match(entry)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const nextLog = (match: (entry: LogEntry) => boolean) =>
    new Promise<LogEntry>((resolve) => watchers.push({ match, resolve }));
  const logged = (msg: string) => {
    const seen = logs.find((entry) => entry["msg"] === msg);
    return seen ? Promise.resolve(seen) : nextLog((entry) => entry["msg"] === msg);
  };
  const serving = Promise.race([
    logged("serving").then((entry) => entry["address"] as string),
    exited.then((code): never => {
      throw new Error(`lnvmd exited with ${code} before serving:\n${lines.join("\n")}`);
    }),
  ]);
  serving.catch(() => {});
  return {
    child,
    lines,
    logs,
    serving,
    exited,
    closed,
    get alive() {
      return alive;
    },
    logged,
    nextLog,
    rssMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
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

/**
 * Spawns `command args` (lnvmd, or a launcher such as npm) for test `t`. When the test ends, the
 * process is killed (SIGKILL) if it is still running, and so is the server process that logged
 * "serving" when that is another one.
 */
export function spawnServerProcess(
  t: ExecutionContext,
  command: string,
  args: readonly string[],
): LnvmdProcess {
  const server = spawnLnvmd(command, args);
  t.teardown(() => {
    if (server.alive) server.child.kill("SIGKILL");
    const pid = server.logs.find((l) => l["msg"] === "serving")?.["pid"];
    if (typeof pid === "number" && pid !== server.child.pid) killIfAlive(pid);
  });
  return server;
}

/** An lnvmd that serves, and its address. */
export interface ServerProcess extends LnvmdProcess {
  readonly address: string;
}

/**
 * Starts `service/main.ts` on a loopback port over `image` with `flags` for test `t`; resolves
 * once it serves, rejects if it exits first. Killed when the test ends.
 */
export async function startServerProcess(
  t: ExecutionContext,
  image: string,
  flags: readonly string[] = [],
): Promise<ServerProcess> {
  const server = spawnServerProcess(
    t,
    process.execPath,
    lnvmdArgs(["--listen", "127.0.0.1:0", "--device", image, ...flags]),
  );
  return Object.assign(server, { address: await server.serving });
}

/** How a server process that refused to start ended. */
export interface FailedStart {
  readonly code: number | null;
  /** Its stderr: JSON log lines and plain messages alike. */
  readonly stderr: string;
}

/**
 * Runs `service/main.ts` with exactly `args`, expecting it to exit without serving; resolves
 * with how it ended. Rejects (and kills it) if it serves after all.
 */
export async function failedServerStart(args: readonly string[]): Promise<FailedStart> {
  const server = spawnLnvmd(process.execPath, lnvmdArgs(args));
  let served = false;
  server.serving.then(
    () => {
      served = true;
      server.child.kill("SIGKILL");
    },
    () => {},
  );
  const code = await server.exited;
  await server.closed;
  if (served) throw new Error("lnvmd started although it should have refused");
  return { code, stderr: server.lines.join("\n") };
}

/** Log lines a runner's server keeps for a failure report. */
const RUNNER_KEPT_LINES = 50;

/**
 * Starts `service/main.ts --listen 127.0.0.1:0 --ready-file F ...args` for a runner (fuzz,
 * torture, soak) outside any test, killed when the runner exits, and resolves once the ready
 * file appears: its log level may be above the "serving" line. Rejects if it exits first.
 */
export async function startRunnerServer(args: readonly string[]): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-ready-"));
  const readyFile = join(dir, "ready.json");
  // The server writes the file under another name and renames it: its appearance is complete.
  const watcher = watch(dir);
  const appeared = new Promise<void>((resolve) =>
    watcher.on("change", (_, name) => {
      if (name === "ready.json") resolve();
    }),
  );
  const server = spawnLnvmd(
    process.execPath,
    lnvmdArgs(["--listen", "127.0.0.1:0", "--ready-file", readyFile, ...args]),
    RUNNER_KEPT_LINES,
  );
  const killOnExit = () => server.child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void server.exited.then(() => process.off("exit", killOnExit));
  try {
    await Promise.race([
      appeared,
      server.exited.then((code): never => {
        throw new Error(`lnvmd exited with ${code} before serving:\n${server.lines.join("\n")}`);
      }),
    ]);
    const ready = JSON.parse(await readFile(readyFile, "utf8")) as { address: unknown };
    return Object.assign(server, { address: String(ready.address) });
  } finally {
    watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sends SIGKILL to `pid` unless it is gone already. */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: the usual case.
  }
}
