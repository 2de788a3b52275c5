/**
 * `npm run bench`: every layer of lnvmd against its reference, in one run (< 10 minutes on two
 * cores), printing one table and writing bench/results/latest.{json,md}.
 *
 *   node --import tsx bench/main.ts [--seconds S] [--only fio,abi,binding,bare,service]
 *
 * `--seconds` sets each measured run (default 5); `--only` runs some layers and prints
 * without writing the results files.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runAbiDriver } from "./abi-driver.js";
import { runBareGrpcReference } from "./bare-grpc-reference.js";
import {
  BENCH_GEOMETRY,
  DURABLE_DATA_NBYTES,
  DURABLE_QD,
  DURABLE_REGION_NCHUNKS,
  READ_REGION_NBYTES,
  SEQWRITE_REGION_NBYTES,
} from "./bench-geometry.js";
import type { BenchLayer, BenchRow } from "./bench-row.js";
import { runBindingWorkloads } from "./binding-workloads.js";
import { runFioReference } from "./fio-reference.js";
import { flushDirtyPages } from "./flush-dirty-pages.js";
import {
  AB_NPAIRS,
  AB_RUN_S,
  compareInterleaved,
  type InterleavedVariant,
} from "./interleaved-comparison.js";
import { describeMachine } from "./machine.js";
import { runPythonWorkload } from "./python-workload.js";
import {
  LIMITED_TENANT_MAX_IOPS,
  measureRateLimitedTenants,
  TENANT_QD,
} from "./rate-limited-tenants.js";
import {
  type BenchReport,
  computeRatios,
  evaluateGoals,
  renderMarkdown,
  renderTable,
  writeReport,
} from "./report.js";
import {
  prepareServiceImage,
  type ServiceFixture,
  type ServiceImage,
  startServiceFixture,
} from "./service-fixture.js";
import { measureIdleServer, runServiceWorkloads } from "./service-workloads.js";
import { measureStalledReaders } from "./stalled-readers.js";

const RUN_SECONDS_DEFAULT = 5;
/** The whole run is stopped past this, so `npm run bench` stays under 10 minutes. */
const BUDGET_MS = 9.5 * 60 * 1000;
const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));
const MAKE_TEST_CERTS = fileURLToPath(new URL("../scripts/make-test-certs.sh", import.meta.url));
const LAYERS = ["fio", "abi", "binding", "bare", "service"] as const;

const NOTES = [
  `Device model image: npugrp ${BENCH_GEOMETRY.npugrp}, npunit ${BENCH_GEOMETRY.npunit}, nchunk ${BENCH_GEOMETRY.nchunk}, nsectr ${BENCH_GEOMETRY.nsectr}, nbytes ${BENCH_GEOMETRY.nbytes} (16 GiB sparse), ws_min ${BENCH_GEOMETRY.wsMin} so a 4 KiB write is one valid command; a fresh image per layer.`,
  `Reads go to a ${READ_REGION_NBYTES / 2 ** 30} GiB region written in full first (every chunk CLOSED), which stays in the page cache; fio's file is the same size, buffered too (no O_DIRECT on either side, --invalidate=0).`,
  "Random writes go to a random chunk at its write pointer. Binding and service runs keep at most one write in flight per chunk (so no figure depends on separate Submit calls arriving in order); abi-bench allows several per chunk, in order.",
  `Sequential writes: one pass over ${SEQWRITE_REGION_NBYTES / 2 ** 30} GiB of FREE chunks striped over the units (capped at the run time); fio writes one pass over a fresh file of the same size, so both allocate as they go.`,
  `Durable random writes (randwrite-durable): abi-bench on a durable image of ${DURABLE_REGION_NCHUNKS} chunks (${DURABLE_DATA_NBYTES / 2 ** 30} GiB) preallocated at creation (lnvm-mkimage --durable --preallocate: its data blocks written, so no fdatasync carries an allocation), 4 KiB at QD${DURABLE_QD}, the driver asleep in nvm_async_wait; a write completes once its group commit's fdatasync returned (one per epoch, shared by the writes that finished in it). fio: io_uring QD${DURABLE_QD} with --fdatasync=${DURABLE_QD} over its 1 GiB file, written in full by the sequential-write job, on the same file system: every write overwrites a written block, so its fdatasyncs carry data only too; fio counts a write once it is written, before the sync that covers it, and keeps writing while a sync runs.`,
  "Latency: abi and binding from submission to completion callback; service and bare-grpc from the client call to its result; fio clat.",
  "Service transports: service-session is the TypeScript ContextHandle's promise API over one Session stream per context (commands pipelined, completions acknowledged); service-unary is the bench's own loop of unary Submit batches (one in flight, waiting on the server for room) with completions from a StreamCompletions stream, as the client worked before sessions; service-session-unix, -mtls and -metrics are the session QD64 read run over a Unix socket, with mutual TLS (a throwaway CA from scripts/make-test-certs.sh) and with --metrics-listen on. The service rows' notes give the device p50 the server reports (Completion.device_latency_ns: submission to reap), so the rest of the client's latency is transport and queueing.",
  `Listener variants: the plain TCP control server and the three variants run at once, each on an image of its own prepared alike, each warmed up; then ${AB_NPAIRS} pairs per variant of one ${AB_RUN_S} s run on the control and one on the variant, back to back, the order within a pair alternating from pair to pair. A variant's ratio is the median of its pair ratios (its IOPS over the control's in the same pair), their range in the row's note; each row merges its runs (the control's row all of the control's).`,
  `Rate-limited tenants: one server with a token file and a policy; tenant A has max_iops ${LIMITED_TENANT_MAX_IOPS}, tenant B no limit, each on a client connection of its own in this process, both 4 KiB random reads at QD${TENANT_QD}. B reads alone for half the run time, then A starts and, once A has spent its bucket's one-second burst, B reads for the run time beside it (A's IOPS are counted over exactly that window), then B reads alone for the other half. The limited tenant's own I/O still costs the server and the client CPU, so B beside A keeps about 1 − A's share of B's rate alone at best.`,
  "Stalled readers: on a freshly started server of their own (so the figure is what they cost, not the heap earlier runs left behind; the note gives its RSS before), 16 sessions, each on a context of depth 256, send 256 reads of 256 KiB at once and never read or acknowledge; the row's peak RSS is the server's over the run, next to the bytes its own accounting (GetContext held_bytes) held.",
  "Bare references: pingpong is one 16 B message and its 4 KiB reply on an open bidirectional stream; push is the server writing one message after another (64 KiB = 16 × 4 KiB items, or 256 KiB) as fast as flow control lets it; the bare client has the TypeScript client's 16 MiB flow-control window and the server sets TCP_NODELAY, as lnvmd does.",
  "Server CPU: utime + stime of the server process (all threads) over the run / wall time, percent of one core. Peak RSS: VmHWM after resetting it (clear_refs 5) at the start of the run.",
  "Before every write run the page cache is synced (untimed), so one run's writeback does not land in the next.",
  "Sequential-write figures (fio and model alike) swing between about 0.4 and 3 GB/s from run to run on a VM: every write lands on fresh page-cache pages, whose cost depends on the host. Compare them within one run only.",
];

/**
 * Server and client flags for mutual TLS, with a throwaway CA and certificates made in `dir`
 * by scripts/make-test-certs.sh.
 */
async function mutualTls(dir: string): Promise<Parameters<typeof startServiceFixture>[3]> {
  const certs = join(dir, "certs");
  execFileSync("bash", [MAKE_TEST_CERTS, certs, "bench=spiffe://lnvm.test/bench"], {
    stdio: "ignore",
  });
  const read = (name: string) => readFileSync(join(certs, name));
  return {
    flags: [
      "--tls-cert",
      join(certs, "server.crt"),
      "--tls-key",
      join(certs, "server.key"),
      "--tls-client-ca",
      join(certs, "ca.crt"),
    ],
    clientOptions: {
      tls: { ca: read("ca.crt"), cert: read("bench.crt"), key: read("bench.key") },
    },
  };
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: "string" }, only: { type: "string" } },
    strict: true,
  });
  const seconds = values.seconds ? Number(values.seconds) : RUN_SECONDS_DEFAULT;
  if (!(seconds > 0)) throw new Error(`--seconds must be positive, got ${values.seconds}`);
  const only = values.only?.split(",") ?? [...LAYERS];
  for (const layer of only) {
    if (!(LAYERS as readonly string[]).includes(layer)) {
      throw new Error(`--only: unknown layer ${layer} (known: ${LAYERS.join(", ")})`);
    }
  }
  const t0 = Date.now();
  const watchdog = setTimeout(() => {
    log(`over the ${BUDGET_MS / 60_000} minute budget: stopping`);
    process.exit(1);
  }, BUDGET_MS);
  watchdog.unref();

  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverage1m}`);
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-bench-"));
  const rows: BenchRow[] = [];
  const phase = async (name: (typeof LAYERS)[number], run: () => Promise<BenchRow[]>) => {
    if (!only.includes(name)) return;
    const start = Date.now();
    log(`${name}...`);
    rows.push(...(await run()));
    log(`${name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  };
  try {
    await phase("fio", () => runFioReference(dir, seconds));
    await phase("abi", () => runAbiDriver(dir, seconds));
    await phase("binding", async () => {
      const image = join(dir, "binding.img");
      try {
        return await runBindingWorkloads(image, seconds);
      } finally {
        await rm(image, { force: true });
      }
    });
    await phase("bare", () => runBareGrpcReference(dir, seconds));
    await phase("service", async () => {
      const image = await prepareServiceImage(dir);
      const serviceRows: BenchRow[] = [];
      const tcp = await startServiceFixture(image, "127.0.0.1:0", dir);
      try {
        serviceRows.push(
          ...(await runServiceWorkloads(tcp, "session", "service-session", seconds)),
          ...(await runServiceWorkloads(tcp, "unary", "service-unary", seconds)),
          await runPythonWorkload(tcp, seconds),
          await measureIdleServer(tcp),
        );
      } finally {
        await tcp.server.stop();
      }
      // On a server of its own, so its peak RSS is what stalled readers cost, not the heap the
      // runs before them left behind.
      const stalled = await startServiceFixture(image, "127.0.0.1:0", dir);
      try {
        serviceRows.push(await measureStalledReaders(stalled, seconds));
      } finally {
        await stalled.server.stop();
      }
      // The control and the listener variants, all running at once on images of their own (a
      // device is opened exclusively), compared in interleaved pairs.
      const variants: [BenchLayer, string, Parameters<typeof startServiceFixture>[3]][] = [
        ["service-session-unix", `unix:${join(dir, "lnvmd.sock")}`, {}],
        ["service-session-mtls", "127.0.0.1:0", await mutualTls(dir)],
        ["service-session-metrics", "127.0.0.1:0", { flags: ["--metrics-listen", "127.0.0.1:0"] }],
      ];
      const variantImages: ServiceImage[] = [];
      for (const [layer] of variants) variantImages.push(await prepareServiceImage(dir, layer));
      flushDirtyPages(); // the prefills' writeback must not land in the measured runs
      const fixtures: ServiceFixture[] = [];
      try {
        const control = await startServiceFixture(image, "127.0.0.1:0", dir);
        fixtures.push(control);
        const compared: InterleavedVariant[] = [];
        for (const [i, [layer, listen, extra]] of variants.entries()) {
          const fixture = await startServiceFixture(
            variantImages[i] as ServiceImage,
            listen,
            dir,
            extra,
          );
          fixtures.push(fixture);
          compared.push({ layer, fixture });
        }
        serviceRows.push(
          ...(await compareInterleaved(control, "service-session-control", compared, seconds)),
        );
      } finally {
        for (const fixture of fixtures) await fixture.server.stop();
        for (const variantImage of variantImages) await rm(variantImage.path, { force: true });
      }
      serviceRows.push(...(await measureRateLimitedTenants(image, dir, seconds)));
      return serviceRows;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const report: BenchReport = {
    machine,
    settings: {
      "seconds per run": seconds,
      layers: only.join(", "),
    },
    durationS: (Date.now() - t0) / 1000,
    rows,
    ratios: computeRatios(rows),
    goals: evaluateGoals(rows),
    notes: NOTES,
  };
  const markdown = renderMarkdown(report);
  process.stdout.write(`${markdown}\n`);
  if (values.only === undefined) {
    await writeReport(report, RESULTS_DIR);
    log(`wrote ${join(RESULTS_DIR, "latest.json")} and latest.md`);
  } else {
    log(`--only: results not written (table: ${renderTable(rows).split("\n").length - 2} rows)`);
  }
  clearTimeout(watchdog);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
