import { integerOption, listOption } from "../../options/index.js";
import { runnerMain } from "../helpers/runner-main.js";
import { runFuzz } from "./run-fuzz.js";

await runnerMain({
  name: "fuzz",
  about: `Fuzzes every RPC of a real lnvmd process: structured (mutated well-formed requests, extreme
values) and raw (random bytes, floods), seeded. Prints a JSON report: statuses per RPC,
failures (calls without a defined answer in time), canary check, server RSS (before, during and
after the 16 MiB floods and the run) and another client's round trips (event-loop stalls).
Exit status 0 when the server stayed up, every call got a defined status and the canaries are
intact; 1 otherwise, 2 for a bad option.`,
  options: {
    requests: integerOption({ min: 1, default: 10_000, help: "requests per RPC" }),
    concurrency: integerOption({ min: 1, default: 32, help: "calls in flight" }),
    floods: integerOption({ defaultText: "requests / 1000", help: "floods per RPC" }),
    "deadline-ms": integerOption({
      min: 1,
      default: 10_000,
      help: "deadline of every call, milliseconds",
    }),
    "server-flag": listOption({
      placeholder: "F",
      help: "a flag for the server, e.g. --server-flag=--max-request-bytes=16777216",
      parse: (text) => text.split("="),
    }),
  },
  async run(values, seed, log) {
    const report = await runFuzz({
      requestsPerRpc: values.requests,
      seed,
      concurrency: values.concurrency,
      ...(values.floods === undefined ? {} : { floodsPerRpc: values.floods }),
      deadlineMs: values["deadline-ms"],
      serverFlags: values["server-flag"],
      log,
    });
    const passed =
      report.failureCount === 0 && report.serverAlive && report.canaryProblems.length === 0;
    return { report, passed };
  },
});
