import test from "ava";
import { runTorture } from "./run-torture.js";

/** Kill/restart cycles of the CI run; `npm run torture -- --cycles N` runs longer ones. */
const CI_CYCLES = 10;
const CI_SEED = 20261201;

test("after each of 10 SIGKILLs under mixed I/O every acknowledged write reads back and every write pointer is where the acknowledged or in-flight commands put it", async (t) => {
  t.timeout(300_000);
  const report = await runTorture({ cycles: CI_CYCLES, seed: CI_SEED });
  t.log(
    `acknowledged ${JSON.stringify(report.acknowledged)}, in flight at kills ${JSON.stringify(report.inFlightAtKill)}, ${report.sectorsVerified} sectors verified`,
  );
  t.deepEqual(report.problems, []);
  t.true(
    report.acknowledged.writes > 0 &&
      report.acknowledged.resets > 0 &&
      report.acknowledged.copies > 0,
  );
});
