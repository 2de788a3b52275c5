import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";

const MAIN = fileURLToPath(new URL("../../service/main.ts", import.meta.url));

/** lnvmd as a child process; its JSON log lines are collected in `logs`. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly address: string;
  readonly logs: Record<string, unknown>[];
  /** Resolves with the first log entry whose `msg` is `msg`. */
  logged(msg: string): Promise<Record<string, unknown>>;
  /** Resolves with the first entry logged from now on that `match` accepts (not earlier ones). */
  nextLog(match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `service/main.ts` on a loopback port over `image`; killed when the test ends. */
export async function startServerProcess(
  t: ExecutionContext,
  image: string,
  flags: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "--listen", "127.0.0.1:0", "--device", image, ...flags],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  t.teardown(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const logs: Record<string, unknown>[] = [];
  const watchers: {
    match: (entry: Record<string, unknown>) => boolean;
    resolve: (entry: Record<string, unknown>) => void;
  }[] = [];
  const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    const entry = JSON.parse(line) as Record<string, unknown>;
    logs.push(entry);
    for (const w of [...watchers]) {
      if (w.match(entry)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const logged = (msg: string) => {
    const seen = logs.find((entry) => entry["msg"] === msg);
    if (seen) return Promise.resolve(seen);
    return nextLog((entry) => entry["msg"] === msg);
  };
  const nextLog = (match: (entry: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => watchers.push({ match, resolve }));
  const serving = await Promise.race([
    logged("serving"),
    exited.then((code) => {
      throw new Error(`server exited with ${code}`);
    }),
  ]);
  return { child, address: serving["address"] as string, logs, logged, nextLog, exited };
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
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: string[] = [];
  let served = false;
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    lines.push(line);
    if (line.includes('"msg":"serving"')) {
      served = true;
      child.kill("SIGKILL");
    }
  });
  const [code] = (await once(child, "close")) as [number | null];
  if (served) throw new Error("lnvmd started although it should have refused");
  return { code, stderr: lines.join("\n") };
}
