import test from "ava";
import { ChunkState } from "../../clients/ts/index.js";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("erase resets a closed chunk to free", async (t) => {
  const { address, device, client } = await startTestServer(t);
  const write = await runLnvm(["write", device, "0/0/1", "--pad"], { address });
  t.is(write.code, 0, write.stderr);

  const erase = await runLnvm(["erase", device, "0/0/1"], { address });
  t.is(erase.code, 0, erase.stderr);
  t.regex(erase.stdout.toString(), /erased 1 chunk/);

  const chunks = [];
  for await (const chunk of client.reportChunks(device, { puBegin: 0, puEnd: 1 }))
    chunks.push(chunk);
  t.is(chunks.find((c) => c.chunk === 1)?.state, ChunkState.FREE);
  t.is(chunks.find((c) => c.chunk === 1)?.writePointer, 0n);
});
