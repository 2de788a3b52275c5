import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("read warns about cached and unwritten sectors in words that agree with their number", async (t) => {
  const { address, device } = await startTestServer(t);
  // Small geometry: mw_cunits 4, so of 8 written sectors 4-7 are not readable yet.
  const write = await runLnvm(["write", device, "0/0/2/0-7", "--pad"], { address });
  t.is(write.code, 0, write.stderr);
  const [many, one] = await Promise.all([
    runLnvm(["read", device, "0/0/2/0-9"], { address }),
    runLnvm(["read", device, "0/0/2/7-8"], { address }),
  ]);
  t.is(many.code, 0, many.stderr);
  t.regex(
    many.stderr,
    /write pointer 8: sectors 4-7 are within mw_cunits \(4\) of it and read back/,
  );
  t.regex(many.stderr, /write pointer 8: sectors 8-9 were never written and read back as zeros/);
  t.is(one.code, 0, one.stderr);
  t.regex(one.stderr, /write pointer 8: sector 7 is within mw_cunits \(4\) of it and reads back/);
  t.regex(one.stderr, /write pointer 8: sector 8 was never written and reads back as zeros/);
});
