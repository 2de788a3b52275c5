import { parseArgs } from "node:util";
import { runFuzz } from "./run-fuzz.js";

const HELP = `npm run fuzz -- [options]

Fuzzes every RPC of a real lnvmd process: structured (mutated well-formed requests, extreme
values) and raw (random bytes, floods), seeded. Prints a JSON report: statuses per RPC,
failures (calls without a defined answer in time), canary check, server RSS (before, during and
after the 16 MiB floods and the run) and another client's round trips (event-loop stalls).
Exit status 0 when the server stayed up, every call got a defined status and the canaries are
intact; 1 otherwise.

  --requests N       requests per RPC (default 10000)
  --seed N           PRNG seed (default: random, printed)
  --concurrency N    calls in flight (default 32)
  --floods N         floods per RPC (default requests / 1000)
  --deadline-ms N    deadline of every call (default 10000)
  --server-flag F    a flag for the server, repeatable (e.g. --server-flag=--max-request-bytes=16777216)
  -h, --help
`;

const { values } = parseArgs({
  options: {
    requests: { type: "string" },
    seed: { type: "string" },
    concurrency: { type: "string" },
    floods: { type: "string" },
    "deadline-ms": { type: "string" },
    "server-flag": { type: "string", multiple: true },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const number = (text: string | undefined, fallback: number) =>
  text === undefined ? fallback : Number(text);
const seed = number(values.seed, Math.floor(Math.random() * 0x1_0000_0000));
const report = await runFuzz({
  requestsPerRpc: number(values.requests, 10_000),
  seed,
  concurrency: number(values.concurrency, 32),
  ...(values.floods === undefined ? {} : { floodsPerRpc: Number(values.floods) }),
  deadlineMs: number(values["deadline-ms"], 10_000),
  serverFlags: (values["server-flag"] ?? []).flatMap((flag) => flag.split("=")),
  log: (line) => process.stderr.write(`fuzz: ${line}\n`),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const passed =
  report.failureCount === 0 && report.serverAlive && report.canaryProblems.length === 0;
process.stderr.write(`fuzz: seed ${seed}: ${passed ? "passed" : "FAILED"}\n`);
process.exitCode = passed ? 0 : 1;
