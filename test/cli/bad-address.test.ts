import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("a malformed address exits 2 naming the argument and the text", async (t) => {
  const { address, device } = await startTestServer(t);
  const run = await runLnvm(["read", device, "0/0/x"], { address });
  t.is(run.code, 2);
  t.regex(run.stderr, /<addr-range> "0\/0\/x": chunk "x" is not a number/);
  t.is(run.stdout.length, 0);
});
