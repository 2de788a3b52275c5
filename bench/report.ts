import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchLayer, BenchRow } from "./bench-row.js";
import type { MachineInfo } from "./machine.js";

/** One figure divided by another. */
export interface Ratio {
  readonly name: string;
  /** numerator / denominator; null when either figure is missing. */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** What is divided, with units. */
  readonly basis: string;
}

/** A goal the figures are reported against; `met` is null when it could not be measured. */
export interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** Everything one run produced; written as JSON and Markdown. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly settings: Record<string, string | number>;
  /** Wall time of the whole run, seconds. */
  readonly durationS: number;
  readonly rows: readonly BenchRow[];
  readonly ratios: readonly Ratio[];
  readonly goals: readonly Goal[];
  readonly notes: readonly string[];
}

const KIB = 1024;

type Metric = "iops" | "mbps" | "p50Us";

function find(
  rows: readonly BenchRow[],
  layer: BenchLayer,
  workload: string,
  qd: number | null,
  bs: number | null,
): BenchRow | undefined {
  return rows.find(
    (r) =>
      r.layer === layer &&
      r.workload === workload &&
      (qd === null || r.qd === qd) &&
      (bs === null || r.bs === bs),
  );
}

function ratio(
  name: string,
  basis: string,
  top: BenchRow | undefined,
  bottom: BenchRow | undefined,
  metric: Metric,
): Ratio {
  const numerator = top?.[metric] ?? null;
  const denominator = bottom?.[metric] ?? null;
  const value = numerator !== null && denominator ? numerator / denominator : null;
  return { name, value, numerator, denominator, basis };
}

/** The ratios the report states: binding/fio, binding/abi, service/fio, service/bare, python. */
export function computeRatios(rows: readonly BenchRow[]): Ratio[] {
  const small = 4 * KIB;
  const large = 256 * KIB;
  const ratios: Ratio[] = [];
  const pairs: [string, string, number, number, Metric][] = [
    ["randread", "4 KiB random read QD1", 1, small, "iops"],
    ["randread", "4 KiB random read QD32", 32, small, "iops"],
    ["randwrite", "4 KiB random write QD1", 1, small, "iops"],
    ["randwrite", "4 KiB random write QD32", 32, small, "iops"],
    ["seqread", "256 KiB sequential read QD32", 32, large, "mbps"],
    ["seqwrite", "256 KiB sequential write QD32", 32, large, "mbps"],
  ];
  // Each layer against its reference, over the workloads both sides ran.
  const comparisons: [layer: BenchLayer, reference: BenchLayer, skip: string | undefined][] = [
    ["binding", "fio", undefined],
    ["binding", "abi", "seqread"],
    ["service", "fio", "seqwrite"],
  ];
  for (const [layer, reference, skip] of comparisons) {
    for (const [workload, label, qd, bs, metric] of pairs) {
      if (workload === skip) continue;
      ratios.push(
        ratio(
          `${layer}/${reference} ${label}`,
          metric,
          find(rows, layer, workload, qd, bs),
          find(rows, reference, workload, qd, bs),
          metric,
        ),
      );
    }
  }
  const stream = find(rows, "bare-grpc", "stream", null, small);
  ratios.push(
    ratio(
      "service/bare-grpc 4 KiB reads QD256 vs one message per I/O stream",
      "IOPS / messages per s",
      find(rows, "service", "randread", 256, small),
      stream,
      "iops",
    ),
    ratio(
      "service/bare-grpc QD1 read p50 vs unary p50",
      "p50 µs / p50 µs",
      find(rows, "service", "randread", 1, small),
      find(rows, "bare-grpc", "unary", 1, small),
      "p50Us",
    ),
    ratio(
      "service/bare-grpc 4 KiB reads QD32 vs unary QD32",
      "IOPS / calls per s",
      find(rows, "service", "randread", 32, small),
      find(rows, "bare-grpc", "unary", 32, small),
      "iops",
    ),
    ratio(
      "python/service 4 KiB random read QD32",
      "iops",
      find(rows, "python", "randread", 32, small),
      find(rows, "service", "randread", 32, small),
      "iops",
    ),
  );
  return ratios;
}

function fmtRatio(value: number | null): string {
  return value === null ? "n/a" : `${value.toFixed(2)}×`;
}

/** The five goals, each met / not met / not measured, with the figures behind it. */
export function evaluateGoals(rows: readonly BenchRow[]): Goal[] {
  const small = 4 * KIB;
  const large = 256 * KIB;
  const atLeast = (goal: string, r: Ratio, min: number): Goal => ({
    goal,
    measured: `${fmtRatio(r.value)} (${fmt(r.numerator, 1)} / ${fmt(r.denominator, 1)} ${r.basis})`,
    met: r.value === null ? null : r.value >= min,
  });
  const deepReads = rows
    .filter((r) => r.layer === "service" && r.workload === "randread" && r.bs === small)
    .filter((r) => (r.qd ?? 0) >= 64 && r.iops !== null)
    .sort((a, b) => (b.iops ?? 0) - (a.iops ?? 0));
  const p50 = ratio(
    "",
    "µs",
    find(rows, "service", "randread", 1, small),
    find(rows, "bare-grpc", "unary", 1, small),
    "p50Us",
  );
  const idle = find(rows, "idle", "idle", null, null)?.serverCpuPercent ?? null;
  return [
    atLeast(
      "binding 4 KiB randread QD32 ≥ 0.5 × fio",
      ratio(
        "",
        "IOPS",
        find(rows, "binding", "randread", 32, small),
        find(rows, "fio", "randread", 32, small),
        "iops",
      ),
      0.5,
    ),
    atLeast(
      "binding 256 KiB seq write ≥ 0.8 × fio",
      ratio(
        "",
        "MB/s",
        find(rows, "binding", "seqwrite", 32, large),
        find(rows, "fio", "seqwrite", 32, large),
        "mbps",
      ),
      0.8,
    ),
    atLeast(
      `service 4 KiB reads QD≥64 ≥ 2.5 × bare one-message-per-I/O stream`,
      ratio(
        "",
        `IOPS at QD${deepReads[0]?.qd ?? "?"} / messages per s`,
        deepReads[0],
        find(rows, "bare-grpc", "stream", null, small),
        "iops",
      ),
      2.5,
    ),
    {
      goal: "service QD1 read p50 ≤ 1.5 × bare unary p50",
      measured: `${fmtRatio(p50.value)} (${fmt(p50.numerator, 1)} µs / ${fmt(p50.denominator, 1)} µs)`,
      met: p50.value === null ? null : p50.value <= 1.5,
    },
    {
      goal: "idle server CPU ≤ 1 %",
      measured: idle === null ? "n/a" : `${idle.toFixed(2)} %`,
      met: idle === null ? null : idle <= 1,
    },
  ];
}

function fmt(value: number | null, digits: number): string {
  return value === null ? "–" : value.toFixed(digits);
}

function fmtBs(bs: number | null): string {
  if (bs === null) return "–";
  return bs % KIB === 0 ? `${bs / KIB}k` : String(bs);
}

function metLabel(met: boolean | null): string {
  if (met === null) return "not measured";
  return met ? "met" : "NOT met";
}

/** The results table in Markdown. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header =
    "| layer | workload | qd | bs | IOPS | MB/s | p50 µs | p99 µs | server CPU % | server peak RSS MiB | errors | note |";
  const rule = "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|";
  const lines = rows.map(
    (r) =>
      `| ${r.layer} | ${r.workload} | ${r.qd ?? "–"} | ${fmtBs(r.bs)} | ${fmt(r.iops, 0)} | ${fmt(r.mbps, 1)} | ${fmt(r.p50Us, 1)} | ${fmt(r.p99Us, 1)} | ${fmt(r.serverCpuPercent, 1)} | ${fmt(r.serverPeakRssMiB, 1)} | ${r.errors} | ${r.note} |`,
  );
  return [header, rule, ...lines].join("\n");
}

/** The whole report in Markdown. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const ratios = report.ratios.map((r) => `| ${r.name} | ${fmtRatio(r.value)} | ${r.basis} |`);
  const goals = report.goals.map((g) => `| ${g.goal} | ${g.measured} | ${metLabel(g.met)} |`);
  const settings = Object.entries(report.settings).map(([k, v]) => `- ${k}: ${v}`);
  return `# lnvmd benchmark

${m.date} — ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}, ${m.fio}, ${m.python}; 1-minute load average at start ${m.loadAverage1m}. Tree ${m.commit}. Whole run ${report.durationS.toFixed(0)} s.

Run with \`npm run bench\` (see bench/README.md). Figures, not pass/fail: a busy machine moves them.

## Results

${renderTable(report.rows)}

## Ratios

| ratio | value | of |
|---|--:|---|
${ratios.join("\n")}

## Goals

| goal | measured | |
|---|---|---|
${goals.join("\n")}

## Settings

${settings.join("\n")}

## Notes

${report.notes.map((n) => `- ${n}`).join("\n")}
`;
}

/** Writes `latest.json` and `latest.md` into `dir`. */
export async function writeReport(report: BenchReport, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, "latest.md"), renderMarkdown(report));
}
