import { createModelImage, NvmDevice } from "../native/binding/index.js";
import {
  BENCH_GEOMETRY,
  LARGE_NSECTORS,
  RANDWRITE_REGION_NCHUNKS,
  READ_REGION_NCHUNKS,
  SEQWRITE_REGION_NCHUNKS,
  SMALL_NSECTORS,
} from "./bench-geometry.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { type BindingLoopResult, runBindingLoop } from "./binding-io-loop.js";
import { RegionAllocator } from "./chunk-region.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";
import {
  createRandomReadPattern,
  createRandomWritePattern,
  createStripedPattern,
  type IoPattern,
} from "./io-pattern.js";
import { prefillRegion } from "./prefill-region.js";

/** Untimed random reads before the first measured run, so the loop is compiled. */
const WARMUP_S = 0.5;

/** A row for `layer` from a closed-loop result. */
export function rowFromLoop(
  layer: BenchRow["layer"],
  workload: string,
  qd: number,
  bs: number,
  result: Pick<BindingLoopResult, "ncommands" | "errors" | "seconds" | "exhausted" | "latency">,
  extra: Partial<BenchRow> = {},
): BenchRow {
  const iops = result.ncommands / result.seconds;
  return createRow({
    layer,
    workload,
    qd,
    bs,
    iops,
    mbps: (iops * bs) / 1e6,
    p50Us: result.latency.percentileUs(50),
    p99Us: result.latency.percentileUs(99),
    errors: result.errors,
    note: result.exhausted ? `region full after ${result.seconds.toFixed(2)} s` : "",
    ...extra,
  });
}

/**
 * The model through the koffi binding, in this process: 4 KiB random reads and writes at QD1
 * and QD32 and 256 KiB striped sequential reads at QD32, each for `seconds`, and 256 KiB
 * striped sequential writes at QD32 over a 2 GiB region (one pass, capped at `seconds`), on a
 * fresh image at `image` (removed by the caller).
 */
export async function runBindingWorkloads(image: string, seconds: number): Promise<BenchRow[]> {
  await createModelImage(image, { ...BENCH_GEOMETRY, force: true });
  const device = NvmDevice.open(image);
  const nbytes = device.geometry.nbytes;
  const rows: BenchRow[] = [];
  try {
    const regions = new RegionAllocator(device.geometry);
    // Sequential writes first, on the fresh image, as abi-bench runs them: the other runs leave
    // the page cache and the file's extents in a state that slows fresh allocation down.
    flushDirtyPages();
    const seqRegion = regions.take(SEQWRITE_REGION_NCHUNKS);
    const seq = createStripedPattern(seqRegion, LARGE_NSECTORS, false);
    const result = runBindingLoop(device, { op: "write", pattern: seq, qd: 32, seconds });
    rows.push(
      rowFromLoop("binding", "seqwrite", 32, LARGE_NSECTORS * nbytes, result, {
        note: result.exhausted
          ? `one pass over 2 GiB of FREE chunks (${result.seconds.toFixed(2)} s)`
          : `capped at ${seconds} s before the 2 GiB pass ended`,
      }),
    );
    const readRegion = regions.take(READ_REGION_NCHUNKS);
    prefillRegion(device, readRegion);
    runBindingLoop(device, {
      op: "read",
      pattern: createRandomReadPattern(readRegion, SMALL_NSECTORS),
      qd: 32,
      seconds: WARMUP_S,
    });
    const run = (op: "read" | "write", workload: string, qd: number, pattern: IoPattern) => {
      if (op === "write") flushDirtyPages();
      const result = runBindingLoop(device, { op, pattern, qd, seconds });
      rows.push(rowFromLoop("binding", workload, qd, pattern.nsectors * nbytes, result));
    };
    for (const qd of [1, 32]) {
      run("read", "randread", qd, createRandomReadPattern(readRegion, SMALL_NSECTORS));
    }
    run("read", "seqread", 32, createStripedPattern(readRegion, LARGE_NSECTORS, true));
    for (const qd of [1, 32]) {
      const region = regions.take(RANDWRITE_REGION_NCHUNKS);
      run("write", "randwrite", qd, createRandomWritePattern(region, SMALL_NSECTORS));
    }
  } finally {
    device.close();
  }
  return rows;
}
