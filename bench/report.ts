import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchLayer, BenchRow, PairRatios } from "./bench-row.js";
import type { MachineInfo } from "./machine.js";
import { LIMITED_TENANT_MAX_IOPS } from "./rate-limited-tenants.js";

/** One figure divided by another. */
export interface Ratio {
  readonly name: string;
  /** numerator / denominator; null when either figure is missing. */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** What is divided, with units. */
  readonly basis: string;
  /** Set when `value` is the median of interleaved pair ratios rather than numerator / denominator. */
  readonly pairs?: PairRatios;
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

const SMALL = 4 * KIB;
const LARGE = 256 * KIB;

/** The service's transports, each a row layer. */
const TRANSPORTS: [layer: BenchLayer, label: string][] = [
  ["service-session", "session"],
  ["service-unary", "unary"],
];

/** The row the service's deep random reads are judged by: the best at QD ≥ 64. */
function deepestReads(rows: readonly BenchRow[], layer: BenchLayer): BenchRow | undefined {
  return rows
    .filter((r) => r.layer === layer && r.workload === "randread" && r.bs === SMALL)
    .filter((r) => (r.qd ?? 0) >= 64 && r.iops !== null)
    .sort((a, b) => (b.iops ?? 0) - (a.iops ?? 0))[0];
}

/** The listener variants, each compared with the plain TCP control server started the same way. */
const VARIANTS = {
  "service-session-mtls": "with mutual TLS / plain TCP",
  "service-session-metrics": "with metrics on / off",
  "service-session-unix": "over a Unix socket / over TCP",
} as const satisfies Partial<Record<BenchLayer, string>>;

/**
 * A listener variant's 4 KiB randread QD64 against the control: the median of their interleaved
 * pair ratios when the row has them, else the plain ratio of the two rows.
 */
function variantRatio(rows: readonly BenchRow[], layer: keyof typeof VARIANTS): Ratio {
  const what = VARIANTS[layer];
  const control = find(rows, "service-session-control", "randread", 64, SMALL);
  const row = find(rows, layer, "randread", 64, SMALL);
  const plain = ratio(`session ${what}, 4 KiB randread QD64`, "IOPS", row, control, "iops");
  const pairs = row?.pairRatios;
  if (!pairs) return plain;
  return { ...plain, value: pairs.median, basis: "IOPS, median of interleaved pairs", pairs };
}

/** The rate-limited tenant's IOPS over its `max_iops`. */
function limitedTenantRatio(rows: readonly BenchRow[]): Ratio {
  const limited = rows.find((r) => r.layer === "service-tenant-limited");
  const numerator = limited?.iops ?? null;
  return {
    name: `rate-limited tenant / its max_iops, 4 KiB randread QD${limited?.qd ?? "?"} beside an unlimited one`,
    value: numerator === null ? null : numerator / LIMITED_TENANT_MAX_IOPS,
    numerator,
    denominator: LIMITED_TENANT_MAX_IOPS,
    basis: "IOPS / max_iops",
  };
}

/** The unlimited tenant beside the rate-limited one against the same tenant alone. */
function otherTenantRatio(rows: readonly BenchRow[]): Ratio {
  const other = rows.find((r) => r.layer === "service-tenant-other");
  return ratio(
    `unlimited tenant beside a rate-limited one / alone, 4 KiB randread QD${other?.qd ?? "?"}`,
    "IOPS",
    other,
    rows.find((r) => r.layer === "service-tenant-alone"),
    "iops",
  );
}

/** The service's rows against the bare grpc-js references, and the transports compared. */
function serviceRatios(rows: readonly BenchRow[]): Ratio[] {
  const pingPong = find(rows, "bare-grpc", "pingpong", 1, SMALL);
  const bareUnary = find(rows, "bare-grpc", "unary", 1, SMALL);
  const batchedPush = find(rows, "bare-grpc", "push", null, SMALL);
  const largePush = find(rows, "bare-grpc", "push", null, LARGE);
  const ratios: Ratio[] = [];
  for (const [layer, label] of TRANSPORTS) {
    const qd1 = find(rows, layer, "randread", 1, SMALL);
    ratios.push(
      ratio(
        `${label} 4 KiB read QD1 p50 / bare ping-pong p50`,
        "p50 µs / p50 µs",
        qd1,
        pingPong,
        "p50Us",
      ),
      ratio(
        `${label} 4 KiB read QD1 p50 / bare unary p50`,
        "p50 µs / p50 µs",
        qd1,
        bareUnary,
        "p50Us",
      ),
    );
    for (const r of rows.filter((r) => r.layer === layer && r.bs === SMALL && (r.qd ?? 0) > 1)) {
      ratios.push(
        ratio(
          `${label} 4 KiB ${r.workload} QD${r.qd} / bare batched push`,
          "IOPS / items per s",
          r,
          batchedPush,
          "iops",
        ),
      );
    }
    ratios.push(
      ratio(
        `${label} 256 KiB reads / bare 256 KiB push`,
        "MB/s",
        find(rows, layer, "seqread", null, LARGE),
        largePush,
        "mbps",
      ),
    );
  }
  for (const r of rows.filter((r) => r.layer === "service-session" && r.iops !== null)) {
    const unary = find(rows, "service-unary", r.workload, r.qd, r.bs);
    if (!unary) continue;
    const what = `${r.bs === LARGE ? "256" : "4"} KiB ${r.workload} QD${r.qd}`;
    ratios.push(ratio(`session/unary ${what}`, "IOPS", r, unary, "iops"));
    if (r.qd === 1) ratios.push(ratio(`session/unary ${what} p50`, "p50 µs", r, unary, "p50Us"));
  }
  const python = find(rows, "python", "randread", null, SMALL);
  const pythonQd = python?.qd ?? 64;
  for (const layer of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
    ratios.push(variantRatio(rows, layer));
  }
  ratios.push(limitedTenantRatio(rows), otherTenantRatio(rows));
  ratios.push(
    ratio(
      `python/TypeScript session 4 KiB randread QD${pythonQd}`,
      "IOPS",
      python,
      find(rows, "service-session", "randread", pythonQd, SMALL),
      "iops",
    ),
  );
  return ratios;
}

/**
 * The ratios the report states: binding against fio and abi, the model's durable writes against
 * fio's, the service's transports against
 * the bare grpc-js references and each other, Unix socket against TCP, Python against TypeScript.
 */
export function computeRatios(rows: readonly BenchRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  const pairs: [string, string, number, number, Metric][] = [
    ["randread", "4 KiB random read QD1", 1, SMALL, "iops"],
    ["randread", "4 KiB random read QD32", 32, SMALL, "iops"],
    ["randwrite", "4 KiB random write QD1", 1, SMALL, "iops"],
    ["randwrite", "4 KiB random write QD32", 32, SMALL, "iops"],
    ["seqread", "256 KiB sequential read QD32", 32, LARGE, "mbps"],
    ["seqwrite", "256 KiB sequential write QD32", 32, LARGE, "mbps"],
  ];
  // The binding against its references, over the workloads both sides ran.
  const comparisons: [layer: BenchLayer, reference: BenchLayer, skip: string | undefined][] = [
    ["binding", "fio", undefined],
    ["binding", "abi", "seqread"],
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
  ratios.push(
    ratio(
      "abi/fio durable 4 KiB random write QD32 (fio --fdatasync=32)",
      "iops",
      find(rows, "abi", "randwrite-durable", 32, SMALL),
      find(rows, "fio", "randwrite-durable", 32, SMALL),
      "iops",
    ),
  );
  ratios.push(...serviceRatios(rows));
  return ratios;
}

function fmtRatio(value: number | null): string {
  return value === null ? "n/a" : `${value.toFixed(2)}×`;
}

/** A goal that `r` is at least (or at most) `bound`. */
function ratioGoal(goal: string, r: Ratio, bound: number, atMost = false): Goal {
  return {
    goal,
    measured: measuredRatio(r),
    met: r.value === null ? null : atMost ? r.value <= bound : r.value >= bound,
  };
}

/** A goal that `r` lies in [low, high]. */
function rangeGoal(goal: string, r: Ratio, low: number, high: number): Goal {
  return {
    goal,
    measured: measuredRatio(r),
    met: r.value === null ? null : r.value >= low && r.value <= high,
  };
}

/** The ratio and what it is made of: the two figures, or the pair ratios' median and range. */
function measuredRatio(r: Ratio): string {
  const figures = `${fmt(r.numerator, 1)} / ${fmt(r.denominator, 1)}`;
  if (!r.pairs) return `${fmtRatio(r.value)} (${figures} ${r.basis})`;
  const { npairs, min, max } = r.pairs;
  return `${fmtRatio(r.value)} (median of ${npairs} interleaved pairs, ${min.toFixed(2)}–${max.toFixed(2)}×; runs merged ${figures} IOPS)`;
}

/** A goal that a row's figure is at most `bound`. */
function figureGoal(goal: string, value: number | null, unit: string, bound: number): Goal {
  return {
    goal,
    measured: value === null ? "n/a" : `${value.toFixed(2)} ${unit}`,
    met: value === null ? null : value <= bound,
  };
}

/**
 * Least share of its IOPS alone an unlimited tenant keeps beside a rate-limited one: at best
 * 1 − the limited tenant's share (the tenants' note), about 0.9 here, less 5 % for noise.
 */
export const OTHER_TENANT_GOAL = 0.85;

/** Most server memory with stalled readers, MiB. */
export const STALLED_RSS_GOAL_MIB = 256;

/** The goals, each met / not met / not measured, with the figures behind it. */
export function evaluateGoals(rows: readonly BenchRow[]): Goal[] {
  const deepReads = deepestReads(rows, "service-session");
  const deepWrites = rows
    .filter((r) => r.layer === "service-session" && r.workload === "randwrite" && r.bs === SMALL)
    .filter((r) => (r.qd ?? 0) >= 64 && r.iops !== null)
    .sort((a, b) => (b.iops ?? 0) - (a.iops ?? 0))[0];
  const batchedPush = find(rows, "bare-grpc", "push", null, SMALL);
  const python = find(rows, "python", "randread", null, SMALL);
  return [
    ratioGoal(
      "binding 4 KiB randread QD32 ≥ 0.5 × fio",
      ratio(
        "",
        "IOPS",
        find(rows, "binding", "randread", 32, SMALL),
        find(rows, "fio", "randread", 32, SMALL),
        "iops",
      ),
      0.5,
    ),
    ratioGoal(
      "durable 4 KiB randwrite QD32 (abi) ≥ 0.5 × fio --fdatasync=32",
      ratio(
        "",
        "IOPS",
        find(rows, "abi", "randwrite-durable", 32, SMALL),
        find(rows, "fio", "randwrite-durable", 32, SMALL),
        "iops",
      ),
      0.5,
    ),
    ratioGoal(
      "binding 256 KiB seq write ≥ 0.8 × fio",
      ratio(
        "",
        "MB/s",
        find(rows, "binding", "seqwrite", 32, LARGE),
        find(rows, "fio", "seqwrite", 32, LARGE),
        "mbps",
      ),
      0.8,
    ),
    ratioGoal(
      "session 4 KiB read QD1 p50 ≤ 2 × bare ping-pong p50",
      ratio(
        "",
        "µs",
        find(rows, "service-session", "randread", 1, SMALL),
        find(rows, "bare-grpc", "pingpong", 1, SMALL),
        "p50Us",
      ),
      2,
      true,
    ),
    ratioGoal(
      "session 4 KiB randread QD≥64 ≥ 0.6 × bare batched push",
      ratio("", `IOPS at QD${deepReads?.qd ?? "?"} / items per s`, deepReads, batchedPush, "iops"),
      0.6,
    ),
    ratioGoal(
      "session 4 KiB randwrite QD≥64 ≥ 0.5 × bare batched push",
      ratio(
        "",
        `IOPS at QD${deepWrites?.qd ?? "?"} / items per s`,
        deepWrites,
        batchedPush,
        "iops",
      ),
      0.5,
    ),
    ratioGoal(
      "session 256 KiB reads ≥ 0.6 × bare 256 KiB push",
      ratio(
        "",
        "MB/s",
        find(rows, "service-session", "seqread", null, LARGE),
        find(rows, "bare-grpc", "push", null, LARGE),
        "mbps",
      ),
      0.6,
    ),
    figureGoal(
      `server peak RSS with 16 stalled readers ≤ ${STALLED_RSS_GOAL_MIB} MiB`,
      find(rows, "service-session", "stalled", null, null)?.serverPeakRssMiB ?? null,
      "MiB",
      STALLED_RSS_GOAL_MIB,
    ),
    figureGoal(
      "idle server CPU stays 0 (≤ 1 %: /proc counts 10 ms ticks)",
      find(rows, "idle", "idle", null, null)?.serverCpuPercent ?? null,
      "%",
      1,
    ),
    ratioGoal(
      "session with mutual TLS ≥ 0.8 × plain TCP (4 KiB randread QD64)",
      variantRatio(rows, "service-session-mtls"),
      0.8,
    ),
    ratioGoal(
      "session with metrics on ≥ 0.95 × off (4 KiB randread QD64)",
      variantRatio(rows, "service-session-metrics"),
      0.95,
    ),
    rangeGoal(
      `rate-limited tenant within 5 % of its max_iops (${LIMITED_TENANT_MAX_IOPS})`,
      limitedTenantRatio(rows),
      0.95,
      1.05,
    ),
    ratioGoal(
      `unlimited tenant beside a rate-limited one ≥ ${OTHER_TENANT_GOAL} × alone`,
      otherTenantRatio(rows),
      OTHER_TENANT_GOAL,
    ),
    ratioGoal(
      "Python client over a session ≥ 0.8 × TypeScript session",
      ratio(
        "",
        `IOPS at QD${python?.qd ?? "?"}`,
        python,
        find(rows, "service-session", "randread", python?.qd ?? 64, SMALL),
        "iops",
      ),
      0.8,
    ),
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
