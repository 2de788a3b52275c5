import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

const LNVM_BIN = fileURLToPath(new URL("../../bin/lnvm.js", import.meta.url));

interface Rates {
  iops: number;
  readIops: number;
  completions: number;
  deviceLatencyUs: { p50: number | null };
}

test("top --once --json shows a running bench's reads on its device and its context", async (t) => {
  const { address, device, client } = await startTestServer(t);
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
  // The bench's context appears once it started reading: wait for that event.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const stats = await client.stats();
    const reading = stats.contexts.some((c) => (c.io?.opcodes[0]?.completions ?? 0n) > 0n);
    if (reading) break;
    if (Date.now() > deadline) return t.fail("the bench never started reading");
  }
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
