import { integerOption, OptionError, valueOption } from "../../options/index.js";
import { runnerMain } from "../helpers/runner-main.js";
import { DEFAULT_SOAK_CONTEXTS, runSoak } from "./run-soak.js";

/** A positive number of minutes, fractions allowed. */
function parseMinutes(text: string, source: string): number {
  const minutes = Number(text);
  if (text.trim() === "" || !Number.isFinite(minutes) || minutes <= 0) {
    throw new OptionError(
      `${source}: expected a positive number of minutes, got ${JSON.stringify(text)}`,
    );
  }
  return minutes;
}

await runnerMain({
  name: "soak",
  about: `Soaks a real lnvmd process: many contexts keep writes, reads and resets in flight with their
completions on streams that detach and reattach every few seconds, contexts are terminated and
created again, for M minutes. Prints a JSON report: commands, errors by kind, and the server's
RSS series. Exit status 0 without errors, 1 otherwise, 2 for a bad option.`,
  options: {
    minutes: valueOption({
      placeholder: "M",
      default: 10,
      limits: "above 0, fractions allowed",
      help: "how long",
      parse: parseMinutes,
    }),
    contexts: integerOption({ min: 1, default: DEFAULT_SOAK_CONTEXTS, help: "contexts at once" }),
  },
  async run(values, seed, log) {
    const report = await runSoak({ minutes: values.minutes, contexts: values.contexts, seed, log });
    return { report, passed: Object.keys(report.errors).length === 0 };
  },
});
