import { createLnvmClient, type LnvmClient } from "../clients/ts/index.js";
import type { BenchLayer, BenchRow, PairRatios } from "./bench-row.js";
import type { ServiceFixture } from "./service-fixture.js";
import {
  randomReadRun,
  rowFromSamples,
  type ServiceSample,
  sampleRun,
  warmUpService,
} from "./service-workloads.js";

/** Pairs of runs per variant, each run `AB_RUN_S` long (or `--seconds`, when shorter). */
export const AB_NPAIRS = 5;
export const AB_RUN_S = 2;
/** Queue depth of the compared 4 KiB random reads. */
export const AB_QD = 64;

/** A server differing from the control in one respect, and its row's layer. */
export interface InterleavedVariant {
  readonly layer: BenchLayer;
  readonly fixture: ServiceFixture;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function iops(sample: ServiceSample): number {
  return sample.result.ncommands / sample.result.seconds;
}

/**
 * Session 4 KiB random reads at `AB_QD` on the control server and on each variant (every server
 * running, each warmed up first), in `AB_NPAIRS` pairs of one run on the control and one on the
 * variant, back to back; the order within a pair alternates from one pair to the next, so a
 * drift of the machine's load falls on both sides alike. A variant's row carries its pair ratios
 * (its IOPS over the control's in the same pair; median, min and max) and merges its runs; the
 * control's row (layer `controlLayer`) merges all of its runs.
 */
export async function compareInterleaved(
  control: ServiceFixture,
  controlLayer: BenchLayer,
  variants: readonly InterleavedVariant[],
  seconds: number,
): Promise<BenchRow[]> {
  const runSeconds = Math.min(AB_RUN_S, seconds);
  const fixtures = [control, ...variants.map((v) => v.fixture)];
  const clients = new Map<ServiceFixture, LnvmClient>();
  for (const fixture of fixtures) {
    await warmUpService(fixture, "session");
    clients.set(fixture, createLnvmClient(fixture.server.address, fixture.clientOptions));
  }
  const measure = (fixture: ServiceFixture) =>
    sampleRun(
      clients.get(fixture) as LnvmClient,
      fixture,
      "session",
      randomReadRun(fixture, AB_QD),
      runSeconds,
    );
  const controlSamples: ServiceSample[] = [];
  const variantSamples = variants.map(() => [] as ServiceSample[]);
  const ratios = variants.map(() => [] as number[]);
  try {
    let pair = 0;
    for (let round = 0; round < AB_NPAIRS; round++) {
      for (const [i, variant] of variants.entries()) {
        const controlFirst = pair++ % 2 === 0;
        const first = await measure(controlFirst ? control : variant.fixture);
        const second = await measure(controlFirst ? variant.fixture : control);
        const [c, v] = controlFirst ? [first, second] : [second, first];
        controlSamples.push(c);
        variantSamples[i]?.push(v);
        ratios[i]?.push(iops(v) / iops(c));
      }
    }
  } finally {
    for (const client of clients.values()) client.close();
  }
  const run = randomReadRun(control, AB_QD);
  const note = (n: number) => `${n} interleaved runs of ${runSeconds} s`;
  const rows = [rowFromSamples(controlLayer, run, controlSamples, note(controlSamples.length))];
  for (const [i, variant] of variants.entries()) {
    const samples = variantSamples[i] ?? [];
    const pairs = ratios[i] ?? [];
    const pairRatios: PairRatios = {
      median: median(pairs),
      min: Math.min(...pairs),
      max: Math.max(...pairs),
      npairs: pairs.length,
    };
    const range = `pair ratios ${pairRatios.min.toFixed(2)}–${pairRatios.max.toFixed(2)}× (median ${pairRatios.median.toFixed(2)}×)`;
    const row = rowFromSamples(variant.layer, run, samples, `${note(samples.length)}; ${range}`);
    rows.push({ ...row, pairRatios });
  }
  return rows;
}
