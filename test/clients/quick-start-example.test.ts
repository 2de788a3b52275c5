import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import test from "ava";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const run = promisify(execFile);
const EXAMPLE = fileURLToPath(new URL("../../clients/ts/examples/quick-start.ts", import.meta.url));

test("the README's quick-start example writes, reads back and reports a chunk", async (t) => {
  const { address } = await startTestServer(t, GEOMETRIES.large);
  const { stdout } = await run(process.execPath, ["--import", "tsx", EXAMPLE], {
    env: { ...process.env, LNVM_ADDRESS: address },
  });
  t.deepEqual(stdout.trim().split("\n"), [
    "write: SUCCESS",
    "read back equal: true",
    "chunk 0/0/0: OPEN, write pointer 64",
  ]);
});
