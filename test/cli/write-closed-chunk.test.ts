import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("a write to a closed chunk exits 1 saying the chunk must be erased first, and how", async (t) => {
  const { address, device } = await startTestServer(t);
  const fill = await runLnvm(["write", device, "0/0/1", "--pad"], { address });
  t.is(fill.code, 0, fill.stderr);
  const again = await runLnvm(["write", device, "0/0/1/0-3", "--pad"], { address });
  t.is(again.code, 1);
  t.regex(
    again.stderr,
    new RegExp(
      `chunk 0/0/1 is CLOSED, write pointer \\d+ of \\d+; a closed chunk must be erased first ` +
        `\\(lnvm erase ${device} 0/0/1\\)`,
    ),
  );
});
