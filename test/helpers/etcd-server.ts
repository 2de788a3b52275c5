import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freeLoopbackPort } from "./free-port.js";

/** A single-member etcd (Debian's etcd-server) on loopback ports, with a temp data dir. */
export interface EtcdServer {
  /** Client endpoint, `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Kills etcd and removes its data dir. */
  stop(): Promise<void>;
}

/** Where Debian's etcd-server package installs etcd. */
const ETCD_BIN = "/usr/bin/etcd";

/**
 * Starts etcd and resolves once it serves clients (its log says so); rejects if it exits first.
 * Install it with scripts/system-deps.sh.
 */
export async function startEtcd(): Promise<EtcdServer> {
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-etcd-"));
  const [clientPort, peerPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const child: ChildProcess = spawn(
    ETCD_BIN,
    [
      "--name=test",
      `--data-dir=${join(dir, "data")}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=test=${peer}`,
      "--logger=zap",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const log: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      if (!child.stderr) return reject(new Error("no etcd stderr"));
      createInterface({ input: child.stderr }).on("line", (line) => {
        log.push(line);
        if (line.includes("serving client traffic")) resolve();
      });
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`etcd exited with ${code} before serving:\n${log.slice(-10).join("\n")}`)),
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}
