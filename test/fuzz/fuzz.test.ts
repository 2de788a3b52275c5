import test from "ava";
import { FUZZ_TARGETS } from "./fuzz-targets.js";
import { runFuzz } from "./run-fuzz.js";

/** Requests per RPC of the CI run; `npm run fuzz -- --requests N` runs longer ones. */
const CI_REQUESTS_PER_RPC = 2000;
const CI_SEED = 20261201;

test("2,000 fuzzed requests per RPC each get a defined status in time, the server stays up, the canaries stay intact and another client's calls do not fail", async (t) => {
  t.timeout(300_000);
  const report = await runFuzz({ requestsPerRpc: CI_REQUESTS_PER_RPC, seed: CI_SEED });
  t.log(
    `${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s; RSS MiB ${JSON.stringify(report.rssMiB)}; probe ${JSON.stringify(report.probe)}`,
  );
  t.deepEqual(report.failures, [], `${report.failureCount} calls without a defined answer`);
  t.true(report.serverAlive);
  t.deepEqual(report.canaryProblems, []);
  // Calls past their deadline (`late`) are reported in the log, not judged: they measure speed.
  t.is(report.probe.failures, 0, "another client's calls failed other than by their deadline");
  for (const target of FUZZ_TARGETS) {
    const sent = Object.values(report.statuses[target.name] ?? {}).reduce((a, b) => a + b, 0);
    t.is(sent, CI_REQUESTS_PER_RPC, target.name);
  }
});
