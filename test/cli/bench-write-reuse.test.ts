import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("bench write of more than the device holds resets closed chunks and writes on", async (t) => {
  const { address, device } = await startTestServer(t);
  // 2 MiB over a 1 MiB device: every chunk is filled, reset and filled again.
  const run = await runLnvm(
    ["bench", device, "--pattern", "write", "--size", "2m", "--bs", "8", "--qd", "8", "--json"],
    { address },
  );
  t.is(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout.toString());
  t.is(result.writes, (2 * 1024 * 1024) / (8 * 4096));
  t.is(result.bytes, 2 * 1024 * 1024);
  t.true(result.preparation.resetChunks >= 8);
});
