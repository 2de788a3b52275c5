import test from "ava";
import { runLnvm } from "./helpers/run-lnvm.js";

test("an unknown option or a value out of its limits exits 2 with one plain line naming the option", async (t) => {
  const [unknown, outOfRange, fromEnv] = await Promise.all([
    runLnvm(["write", "dev", "0/0/0", "--no-such-flag"]),
    runLnvm(["read", "dev", "0/0/0", "--qd", "0"]),
    runLnvm(["devices"], { env: { LNVM_ADDRESS: "nowhere" } }),
  ]);
  t.is(unknown.code, 2);
  t.is(unknown.stderr.split("\n")[0], "lnvm write: unknown option --no-such-flag");
  t.is(outOfRange.code, 2);
  t.is(outOfRange.stderr.split("\n")[0], "lnvm read: --qd: must be 1 to 4096, got 0");
  t.is(fromEnv.code, 2);
  t.is(fromEnv.stderr.split("\n")[0], 'lnvm devices: LNVM_ADDRESS "nowhere" is not HOST:PORT');
});

const SUBCOMMANDS = ["devices", "info", "report", "write", "read", "erase", "copy", "bench"];

test("every subcommand's --help lists the common options, and write's --qd with its limits and default", async (t) => {
  const runs = await Promise.all(SUBCOMMANDS.map((name) => runLnvm([name, "--help"])));
  for (const [i, run] of runs.entries()) {
    const help = run.stdout.toString();
    t.is(run.code, 0, SUBCOMMANDS[i]);
    t.regex(help, /^ {2}--address HOST:PORT +LNVM_ADDRESS +lnvmd to talk to/m, SUBCOMMANDS[i]);
    t.regex(help, /^ {2}-h, --help +show this help$/m, SUBCOMMANDS[i]);
  }
  const write = runs[SUBCOMMANDS.indexOf("write")]?.stdout.toString() ?? "";
  t.regex(write, /^ {2}--qd N +commands in flight \(1 to 4096; default 32\)$/m);
});
