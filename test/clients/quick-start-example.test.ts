import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
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

test("the README's TypeScript snippet is the quick-start example's code", async (t) => {
  const example = await readFile(EXAMPLE, "utf8");
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const marked = /\/\/ README snippet begins\n([\s\S]*?)\/\/ README snippet ends\n/.exec(
    example,
  )?.[1];
  const snippet = /```ts\n([\s\S]*?)```\n/.exec(readme)?.[1];
  t.truthy(marked);
  t.truthy(snippet);
  t.true(snippet?.endsWith(marked ?? "-"), "copy the example's marked lines into the README");
});
