import { create } from "@bufbuild/protobuf";
import test, { type ExecutionContext } from "ava";
import { type Command, CommandSchema, LnvmError, toAddress } from "../../clients/ts/index.js";
import { freshWrites, readCommand, writeCommand } from "../helpers/commands.js";
import { GEOMETRIES, type GeometryName } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const DEPTH = 8;

async function setup(t: ExecutionContext, geometry: GeometryName = "small", flags: string[] = []) {
  const server = await startTestServer(t, GEOMETRIES[geometry], flags);
  const ctx = await server.client.init({ device: server.device, depth: DEPTH });
  const info = await server.client.device(server.device);
  const nbytes = info.geometry?.nbytes ?? 0;
  return { ...server, ctx, info, nbytes };
}

async function rejects(t: ExecutionContext, promise: Promise<unknown>) {
  const error = await t.throwsAsync(promise, { instanceOf: LnvmError });
  if (!error) throw new Error("expected an LnvmError");
  return error;
}

for (const name of Object.keys(GEOMETRIES) as GeometryName[]) {
  test(`a malformed batch is rejected whole with INVALID_ARGUMENT naming each field (${name} geometry)`, async (t) => {
    const { ctx, nbytes } = await setup(t, name);
    const good = writeCommand(
      1n,
      { group: 0, punit: 0, chunk: 0, sector: 0 },
      4,
      new Uint8Array(4 * nbytes),
    );
    const commands: Command[] = [
      good,
      writeCommand(2n, { group: 0, punit: 1, chunk: 0, sector: 0 }, 4, new Uint8Array(nbytes)),
      create(CommandSchema, { tag: 3n }),
      readCommand(4n, { group: 300, punit: 0, chunk: 0, sector: 0 }, 1),
      create(CommandSchema, {
        tag: 5n,
        op: {
          case: "read",
          value: { target: { mode: { case: "vector", value: { addresses: [] } } } },
        },
      }),
      // More than 64 addresses is refused before decoding (test/service/request-limits.test.ts).
      create(CommandSchema, { tag: 6n, op: { case: "erase", value: { chunks: [] } } }),
      create(CommandSchema, {
        tag: 7n,
        op: {
          case: "write",
          value: {
            target: {
              mode: {
                case: "scalar",
                value: { start: toAddress(0n), sectorCount: 4 },
              },
            },
            data: new Uint8Array(4 * nbytes),
            meta: new Uint8Array(3),
          },
        },
      }),
      create(CommandSchema, { tag: 8n, op: { case: "read", value: {} } }),
      create(CommandSchema, {
        tag: 9n,
        op: { case: "copy", value: { sources: [toAddress(0n)], destinations: [] } },
      }),
      readCommand(10n, { group: 0, punit: 0, chunk: 0, sector: 0 }, 65),
    ];
    const error = await rejects(t, ctx.submit(commands));
    t.is(error.codeName, "INVALID_ARGUMENT");
    t.is(error.reason, "INVALID_REQUEST");
    t.deepEqual(
      error.fieldViolations.map((v) => v.field),
      [
        "commands[1].write.data",
        "commands[2].op",
        "commands[3].read.target.scalar.start.sector.group",
        "commands[4].read.target.vector.addresses",
        "commands[5].erase.chunks",
        "commands[6].write.meta",
        "commands[7].read.target.mode",
        "commands[8].copy.destinations",
        "commands[9].read.target.scalar.sector_count",
      ],
    );
    t.regex(error.message, /commands\[1\]\.write\.data: must hold 4 sectors/);
    const after = await ctx.info();
    t.is(after.outstanding, 0, "nothing of the batch reached the device");
    t.is(after.pending, 0);
  });
}

test("an empty batch is rejected with INVALID_ARGUMENT", async (t) => {
  const { ctx } = await setup(t);
  const error = await rejects(t, ctx.submit([]));
  t.is(error.codeName, "INVALID_ARGUMENT");
  t.is(error.fieldViolations[0]?.field, "commands");
});

test("a submit to an unknown context fails with NOT_FOUND and reason CONTEXT_NOT_FOUND", async (t) => {
  const { client, device, nbytes } = await setup(t);
  const ctx = await client.init({ device, depth: 4 });
  await ctx.term();
  const error = await rejects(t, ctx.submit([writeCommand(1n, 0n, 4, new Uint8Array(4 * nbytes))]));
  t.is(error.codeName, "NOT_FOUND");
  t.is(error.reason, "CONTEXT_NOT_FOUND");
  t.is(error.metadata["context_id"], ctx.id);
});

test("a batch beyond the free depth fails with RESOURCE_EXHAUSTED and submits nothing", async (t) => {
  const { ctx, info } = await setup(t);
  const geometry = { npunit: 2, nchunk: 4, nbytes: info.geometry?.nbytes ?? 0 };
  await ctx.submit(freshWrites(DEPTH - 2, geometry, info.wsMin));
  const error = await rejects(t, ctx.submit(freshWrites(3, geometry, info.wsMin, 100n)));
  t.is(error.codeName, "RESOURCE_EXHAUSTED");
  t.is(error.reason, "QUEUE_FULL");
  t.is(error.metadata["requested"], "3");
  t.is(error.metadata["depth"], String(DEPTH));
  const completions = await ctx.wait();
  // Reap order, not submission order: sort to compare the sets.
  t.deepEqual(
    completions.map((c) => c.tag).sort((a, b) => Number(a - b)),
    Array.from({ length: DEPTH - 2 }, (_, i) => BigInt(i + 1)),
  );
});

test("a batch larger than the depth fails with RESOURCE_EXHAUSTED even when waiting for room", async (t) => {
  const { ctx, info } = await setup(t);
  const geometry = { npunit: 2, nchunk: 4, nbytes: info.geometry?.nbytes ?? 0 };
  const error = await rejects(
    t,
    ctx.submit(freshWrites(DEPTH + 1, geometry, info.wsMin), { waitForRoomMs: 1000 }),
  );
  t.is(error.codeName, "RESOURCE_EXHAUSTED");
  t.is((await ctx.info()).outstanding, 0);
});

test("a batch waiting for room is submitted once completions are collected", async (t) => {
  const { ctx, info } = await setup(t);
  const geometry = { npunit: 2, nchunk: 4, nbytes: info.geometry?.nbytes ?? 0 };
  await ctx.submit(freshWrites(DEPTH, geometry, info.wsMin));
  const waiting = ctx.submit(
    freshWrites(2, geometry, info.wsMin, 100n).map((c) => ({ ...c })),
    {
      waitForRoomMs: 30_000,
    },
  );
  const first = await ctx.wait();
  t.is(first.length, DEPTH);
  const response = await waiting;
  t.is(response.submitted, 2);
});

test("a message over the configured size limit fails with RESOURCE_EXHAUSTED", async (t) => {
  const { ctx, nbytes } = await setup(t, "small", [
    "--max-message-bytes",
    "65536",
    "--max-command-bytes",
    "32768",
  ]);
  const error = await rejects(
    t,
    ctx.submit([writeCommand(1n, 0n, 32, new Uint8Array(32 * nbytes))]),
  );
  t.is(error.codeName, "RESOURCE_EXHAUSTED");
  t.is((await ctx.info()).outstanding, 0);
});

test("the server keeps serving after rejecting bad input", async (t) => {
  const { ctx, nbytes } = await setup(t);
  await rejects(t, ctx.submit([create(CommandSchema, { tag: 1n })]));
  const completion = await ctx.write(
    { start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: 4 },
    new Uint8Array(4 * nbytes),
  );
  t.is(completion.status?.name, "SUCCESS");
});
