import test from "ava";
import { runSoak } from "./run-soak.js";

test("a short soak with streams reattaching and contexts churning completes every command without an error", async (t) => {
  t.timeout(120_000);
  const report = await runSoak({ minutes: 0.15, seed: 20261201, contexts: 4 });
  t.log(
    `${report.commands} commands in ${report.seconds.toFixed(1)} s, RSS MiB ${JSON.stringify(report.rssMiB)}`,
  );
  t.deepEqual(report.errors, {});
  t.true(report.commands > 0);
  t.true(report.reattaches > 0, "streams were detached and reattached");
});
