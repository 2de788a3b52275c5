import test from "ava";
import type { Completion, LnvmError } from "../../clients/ts/index.js";
import { readCommand } from "../helpers/commands.js";
import { openCompletionStream } from "../helpers/completion-stream.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;
const DEPTH = 8;
const SECTORS = 32;

test("a stalled stream consumer bounds server memory by depth and loses nothing", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: DEPTH });
  // 128 KiB reads fill the transport's flow-control window quickly.
  const read = (tag: bigint) =>
    readCommand(tag, { group: 0, punit: Number(tag % 2n), chunk: 0, sector: 0 }, SECTORS);
  const { call } = openCompletionStream(t, client, ctx.id);
  call.pause();

  let submitted = 0n;
  let full: LnvmError | undefined;
  // Keep submitting one command at a time until the server refuses: the context's room is the
  // only buffer, so this must stop after a bounded number of commands.
  for (let attempt = 0; attempt < 10_000 && !full; attempt++) {
    await ctx.submit([read(submitted + 1n)]).then(
      () => {
        submitted++;
      },
      (error: LnvmError) => {
        full = error;
      },
    );
    const info = await ctx.info();
    t.true(info.pending <= DEPTH, `pending ${info.pending} exceeds depth`);
  }
  t.like(full, { codeName: "RESOURCE_EXHAUSTED", reason: "QUEUE_FULL" });

  // The consumer resumes: every submitted command's completion arrives exactly once.
  const seen = new Set<bigint>();
  call.resume();
  for await (const message of call) {
    for (const c of message.completions as Completion[]) {
      t.false(seen.has(c.tag), `tag ${c.tag} delivered twice`);
      seen.add(c.tag);
      t.is(c.data.byteLength, SECTORS * G.nbytes);
    }
    if (seen.size === Number(submitted)) break;
  }
  t.is(seen.size, Number(submitted));
});
