import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** How long a server child may take to write its ready file. */
const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 50;
/** How long a server child may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

/** A server running as a child process, and what its ready file said. */
export interface ChildServer {
  readonly pid: number;
  /** host:port it serves on. */
  readonly address: string;
  /** The whole parsed ready file. */
  readonly ready: Record<string, unknown>;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script> ...args` as a child; `args` must make it write a JSON
 * ready file with an `address` to `readyFile` once it serves. Its stderr goes to ours; stdout
 * is discarded. Rejects if it exits or stays silent for 30 s first.
 */
export async function startChildServer(
  script: string,
  args: readonly string[],
  readyFile: string,
): Promise<ChildServer> {
  await rm(readyFile, { force: true });
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`${script} exited before it was ready`);
    const text = await readFile(readyFile, "utf8").catch(() => undefined);
    if (text) {
      const ready = JSON.parse(text) as Record<string, unknown>;
      const address = ready["address"];
      if (typeof address !== "string") throw new Error(`${readyFile} names no address`);
      return { pid: child.pid as number, address, ready, stop: () => stopChild(child, exit) };
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${script} was not ready within ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(READY_POLL_MS);
  }
}

async function stopChild(child: ChildProcess, exit: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exit;
  clearTimeout(timer);
}
