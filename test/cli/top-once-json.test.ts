import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";
import { Opcode } from "../../clients/ts/index.js";
import type { LnvmServer } from "../../service/server.js";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

const LNVM_BIN = fileURLToPath(new URL("../../bin/lnvm.js", import.meta.url));

interface Rates {
  iops: number;
  readIops: number;
  completions: number;
  deviceLatencyUs: { p50: number | null };
}

/** Resolves once a context the in-process `server` creates from now on reaps its first read. */
function firstRead(server: LnvmServer): Promise<void> {
  return new Promise((resolve) => {
    const { contexts } = server;
    const create = contexts.create.bind(contexts);
    contexts.create = (...args) => {
      const context = create(...args);
      const { stats } = context;
      const completed = stats.completed.bind(stats);
      stats.completed = (opcode, ...rest) => {
        if (opcode === Opcode.READ) resolve();
        completed(opcode, ...rest);
      };
      return context;
    };
  });
}

test("top --once --json shows a running bench's reads on its device and its context", async (t) => {
  const { address, device, server } = await startTestServer(t);
  const reading = firstRead(server);
  const bench = spawn(
    process.execPath,
    [
      LNVM_BIN,
      "bench",
      device,
      "--pattern",
      "randread",
      "--bs",
      "1",
      "--qd",
      "8",
      "--duration",
      "60",
    ],
    { env: { ...process.env, LNVM_ADDRESS: address }, stdio: "ignore" },
  );
  const exited = new Promise((resolve) => bench.on("exit", resolve));
  t.teardown(async () => {
    bench.kill();
    await exited;
  });
  // The bench reads once it prepared its chunks: wait for that event.
  await reading;
  const run = await runLnvm(["top", "--once", "--json", "--interval", "0.3"], { address });
  t.is(run.code, 0, run.stderr);
  const view = JSON.parse(run.stdout.toString()) as {
    intervalSeconds: number;
    devices: (Rates & { device: string; contexts: number })[];
    contexts: (Rates & { device: string; depth: number })[];
  };
  t.true(view.intervalSeconds >= 0.3);
  const [dev] = view.devices;
  t.is(dev?.device, device);
  t.is(dev?.contexts, 1);
  t.true((dev?.readIops ?? 0) > 0);
  t.is(dev?.iops, dev?.readIops);
  t.not(dev?.deviceLatencyUs.p50, null);
  t.is(view.contexts.length, 1);
  t.like(view.contexts[0], { device, depth: 8 });
  t.is(view.contexts[0]?.completions, dev?.completions);
});

test("top rejects a non-positive --interval as a usage error", async (t) => {
  const run = await runLnvm(["top", "--interval", "0"], { address: "127.0.0.1:1" });
  t.is(run.code, 2);
  t.regex(run.stderr, /--interval: expected seconds above 0/);
});
