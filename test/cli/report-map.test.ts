import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("report --map --no-color draws one plain cell per chunk, one line per PU, under a header counting them", async (t) => {
  const { address, device } = await startTestServer(t);
  t.is((await runLnvm(["write", device, "0/0/0", "--pad"], { address })).code, 0);
  t.is((await runLnvm(["write", device, "0/1/2/0-7", "--pad"], { address })).code, 0);

  const run = await runLnvm(["report", device, "--map", "--no-color"], { address });
  t.is(run.code, 0, run.stderr);
  const text = run.stdout.toString();
  t.false(text.includes("\x1b["));
  const lines = text.split("\n");
  t.is(
    lines[0],
    `${device}: 1 group × 2 PUs × 4 chunks × 32 sectors; one line per PU, one cell per chunk`,
  );
  // Chunk 0 of PU 0/0 closed; chunk 2 of PU 0/1 open with 8 of 32 sectors; the rest free.
  t.true(lines.includes("0/0 █···"), text);
  t.true(lines.includes("0/1 ··░·"), text);
  t.regex(text, /free \(6\).*open, by write pointer \(1\).*closed \(1\).*offline \(0\)/);
});
