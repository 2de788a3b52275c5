import { parseArgs } from "node:util";
import { runTorture } from "./run-torture.js";

const HELP = `npm run torture -- [options]

Crash torture of a real lnvmd process: mixed writes, resets and copies from several contexts
through the unary API, SIGKILL after a random number of acknowledged commands, restart on the
same image, then every chunk is checked (write pointer, every sector below it byte for byte, no
data at it). Prints a JSON report; exit status 0 when no rule was broken, 1 otherwise.

  --cycles N   kill/restart cycles (default 100)
  --seed N     PRNG seed (default: random, printed)
  -h, --help
`;

const { values } = parseArgs({
  options: {
    cycles: { type: "string" },
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
const report = await runTorture({
  cycles: values.cycles === undefined ? 100 : Number(values.cycles),
  seed,
  log: (line) => process.stderr.write(`torture: ${line}\n`),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const passed = report.problems.length === 0;
process.stderr.write(`torture: seed ${seed}: ${passed ? "passed" : "FAILED"}\n`);
process.exitCode = passed ? 0 : 1;
