import { integerOption } from "../../options/index.js";
import { runnerMain } from "../helpers/runner-main.js";
import { runTorture } from "./run-torture.js";

await runnerMain({
  name: "torture",
  about: `Crash torture of a real lnvmd process: mixed writes, resets and copies from several contexts
through the unary API, SIGKILL after a random number of acknowledged commands, restart on the
same image, then every chunk is checked (write pointer, every sector below it byte for byte, no
data at it). Prints a JSON report; exit status 0 when no rule was broken, 1 otherwise, 2 for a
bad option.`,
  options: {
    cycles: integerOption({ min: 1, default: 100, help: "kill/restart cycles" }),
  },
  async run(values, seed, log) {
    const report = await runTorture({ cycles: values.cycles, seed, log });
    return { report, passed: report.problems.length === 0 };
  },
});
