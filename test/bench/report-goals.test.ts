import test from "ava";
import { type BenchRow, createRow } from "../../bench/bench-row.js";
import { LIMITED_TENANT_MAX_IOPS } from "../../bench/rate-limited-tenants.js";
import { computeRatios, evaluateGoals } from "../../bench/report.js";

const KIB4 = 4096;

function readRow(layer: BenchRow["layer"], iops: number, extra: Partial<BenchRow> = {}): BenchRow {
  return createRow({ layer, workload: "randread", qd: 64, bs: KIB4, iops, ...extra });
}

function goal(rows: readonly BenchRow[], starts: string) {
  const found = evaluateGoals(rows).find((g) => g.goal.startsWith(starts));
  if (!found) throw new Error(`no goal starting ${starts}`);
  return found;
}

test("a listener variant's ratio is the median of its interleaved pair ratios, not its merged rows' ratio", (t) => {
  const rows = [
    readRow("service-session-control", 40_000),
    readRow("service-session-metrics", 20_000, {
      pairRatios: { median: 0.97, min: 0.9, max: 1.02, npairs: 5 },
    }),
  ];
  const ratio = computeRatios(rows).find((r) => r.name.includes("metrics on / off"));
  t.is(ratio?.value, 0.97);
  const metrics = goal(rows, "session with metrics on");
  t.true(metrics.met);
  t.regex(metrics.measured, /median of 5 interleaved pairs, 0\.90–1\.02×/);
});

test("the rate-limited tenant's goal is met within 5 % of its max_iops, and not above", (t) => {
  const at = (iops: number) =>
    goal([readRow("service-tenant-limited", iops)], "rate-limited tenant within").met;
  t.true(at(LIMITED_TENANT_MAX_IOPS * 1.01));
  t.true(at(LIMITED_TENANT_MAX_IOPS * 0.96));
  t.false(at(LIMITED_TENANT_MAX_IOPS * 1.2));
  t.false(at(LIMITED_TENANT_MAX_IOPS * 0.8));
});

test("the unlimited tenant's goal compares it beside the limited one with itself alone", (t) => {
  const rows = [readRow("service-tenant-other", 45_000), readRow("service-tenant-alone", 50_000)];
  const other = goal(rows, "unlimited tenant beside");
  t.true(other.met);
  t.regex(other.measured, /^0\.90×/);
  t.is(goal([rows[0] as BenchRow], "unlimited tenant beside").met, null);
});
