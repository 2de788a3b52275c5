import { create } from "@bufbuild/protobuf";
import test from "ava";
import { CommandSchema, LnvmError, toAddress } from "../../clients/ts/index.js";
import { readCommand } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("Wait returns no more completions than fit one message and leaves the rest pending", async (t) => {
  const { client, device } = await startTestServer(t, G, [
    "--max-message-bytes",
    "65536",
    "--max-command-bytes",
    "32768",
  ]);
  const ctx = await client.init({ device, depth: 8 });
  // Eight reads of 32 KiB: only one fits a 64 KiB response at a time.
  await ctx.submit(
    Array.from({ length: 8 }, (_, i) =>
      readCommand(BigInt(i + 1), { group: 0, punit: i % 2, chunk: 0, sector: 0 }, 8),
    ),
  );
  const sequences: bigint[] = [];
  for (let calls = 0; calls < 8; calls++) {
    const batch = await ctx.wait();
    t.true(batch.length <= 1, `Wait returned ${batch.length}`);
    sequences.push(...batch.map((c) => c.sequence));
  }
  t.deepEqual(sequences, [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
  t.like(await ctx.info(), { outstanding: 0, pending: 0 });
});

test("a copy on a device without vector copy is rejected with INVALID_ARGUMENT", async (t) => {
  const { client, device } = await startTestServer(t, { ...G, mccap: 0 });
  const ctx = await client.init({ device, depth: 4 });
  const copy = create(CommandSchema, {
    tag: 1n,
    op: { case: "copy", value: { sources: [toAddress(0n)], destinations: [toAddress(1n << 32n)] } },
  });
  const error = await t.throwsAsync(ctx.submit([copy]), { instanceOf: LnvmError });
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
  t.is(error?.fieldViolations[0]?.field, "commands[0].copy");
});

test("with_meta is ignored on a device without out-of-band bytes", async (t) => {
  const { client, device } = await startTestServer(t, { ...G, nbytesOob: 0 });
  const ctx = await client.init({ device, depth: 4 });
  const read = await ctx.read(
    { start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: 1 },
    { withMeta: true },
  );
  t.is(read.status?.name, "SUCCESS");
  t.is(read.meta.byteLength, 0);
  t.is(read.data.byteLength, G.nbytes);
});
