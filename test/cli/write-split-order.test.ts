import { randomBytes } from "node:crypto";
import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("a range larger than one command is written in order and reads back through stdout", async (t) => {
  // 16 KiB per command: a 32-sector chunk takes 8 write commands, all at the write pointer.
  const { address, device } = await startTestServer(t, undefined, ["--max-command-bytes", "16384"]);
  const data = randomBytes(2 * 32 * 4096);

  const write = await runLnvm(["write", device, "0/0-1/3"], { address, input: data });
  t.is(write.code, 0, write.stderr);
  t.regex(write.stdout.toString(), /in 16 commands/);
  const read = await runLnvm(["read", device, "0/0-1/3"], { address });
  t.is(read.code, 0, read.stderr);

  t.deepEqual(read.stdout, data);
});
