import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import test from "ava";
import { startTestServer, tempPath } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("data written from a file reads back identically into a file", async (t) => {
  const { address, device } = await startTestServer(t);
  const input = await tempPath(t, "in.bin");
  const output = await tempPath(t, "out.bin");
  const data = randomBytes(16 * 4096);
  await writeFile(input, data);

  const write = await runLnvm(["write", device, "0/1/2/0-15", "--file", input], { address });
  t.is(write.code, 0, write.stderr);
  // The last mw_cunits sectors below the write pointer are not readable yet: fill the chunk.
  const rest = await runLnvm(["write", device, "0/1/2/16-31", "--pad"], { address });
  t.is(rest.code, 0, rest.stderr);
  const read = await runLnvm(["read", device, "0/1/2/0-15", "--out", output], { address });
  t.is(read.code, 0, read.stderr);

  t.deepEqual(await readFile(output), data);
});
