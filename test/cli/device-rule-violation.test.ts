import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("a write away from the write pointer exits 1 naming the command and its status", async (t) => {
  const { address, device } = await startTestServer(t);
  const run = await runLnvm(["write", device, "0/0/0/8-11", "--pad"], { address });
  t.is(run.code, 1);
  t.regex(run.stderr, /write 0\/0\/0\/8-11: OUT_OF_ORDER_WRITE \(0x2F2\)/);
  t.regex(run.stderr, /chunk 0\/0\/0 is FREE, write pointer 0 of 32/);
});
