import { parseArgs } from "node:util";
import { runSoak } from "./run-soak.js";

const HELP = `npm run soak -- [options]

Soaks a real lnvmd process: many contexts keep writes, reads and resets in flight with their
completions on streams that detach and reattach every few seconds, contexts are terminated and
created again, for M minutes. Prints a JSON report: commands, errors by kind, and the server's
RSS series. Exit status 0 without errors, 1 otherwise.

  --minutes M    how long (default 10)
  --contexts N   contexts at once (default 16)
  --seed N       PRNG seed (default: random, printed)
  -h, --help
`;

const { values } = parseArgs({
  options: {
    minutes: { type: "string" },
    contexts: { type: "string" },
    seed: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const seed =
  values.seed === undefined ? Math.floor(Math.random() * 0x1_0000_0000) : Number(values.seed);
const report = await runSoak({
  minutes: values.minutes === undefined ? 10 : Number(values.minutes),
  seed,
  ...(values.contexts === undefined ? {} : { contexts: Number(values.contexts) }),
  log: (line) => process.stderr.write(`soak: ${line}\n`),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const passed = Object.keys(report.errors).length === 0;
process.stderr.write(`soak: seed ${seed}: ${passed ? "passed" : "FAILED"}\n`);
process.exitCode = passed ? 0 : 1;
