import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("bench --json on a fresh device fills chunks to read and reports ops and percentiles", async (t) => {
  const { address, device } = await startTestServer(t);
  const run = await runLnvm(
    ["bench", device, "--pattern", "randread", "--duration", "1", "--qd", "4", "--json"],
    { address },
  );
  t.is(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout.toString());
  t.is(result.pattern, "randread");
  t.true(result.ops > 0);
  t.is(result.reads, result.ops);
  t.true(result.iops > 0 && result.mbps > 0);
  t.true(result.preparation.filledSectors > 0);
  const { p50, p90, p99 } = result.latencyUs;
  t.true(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= result.latencyUs["p99.9"]);
  t.true(result.histogramUs.length > 0);
});
