import { create } from "@bufbuild/protobuf";
import test from "ava";
import { createLnvmClient, LnvmError } from "../../clients/ts/index.js";
import { unary } from "../../clients/ts/unary.js";
import {
  AcknowledgeRequestSchema,
  type AcknowledgeResponse,
  PokeRequestSchema,
  type PokeResponse,
  StreamCompletionsRequestSchema,
  type StreamCompletionsResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { freshWrites, readCommand } from "../helpers/commands.js";
import { openCompletionStream } from "../helpers/completion-stream.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer, tempPath } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

test("Poke with ack_through returns the same completions again until they are acknowledged", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(4, G, G.wsMin));
  const poke = (ackThrough: bigint) =>
    unary<PokeResponse>((cb) =>
      client.stubs.contexts.poke(create(PokeRequestSchema, { contextId: ctx.id, ackThrough }), cb),
    );
  // ack_through 0 acknowledges nothing; poll until the device completed all four.
  let first = await poke(0n);
  for (let i = 0; i < 1000 && first.completions.length < 4; i++) first = await poke(0n);
  t.is(first.completions.length, 4);
  // The response was "lost": the same call again returns the same completions.
  const again = await poke(0n);
  t.deepEqual(
    again.completions.map((c) => c.sequence),
    first.completions.map((c) => c.sequence),
  );
  const last = first.completions.at(-1)?.sequence ?? 0n;
  t.is((await poke(last)).completions.length, 0);
  const info = await ctx.info();
  t.is(info.pending + info.unacknowledged, 0);
});

test("a completion stream holding until acknowledged replays what a cancelled stream was sent", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(freshWrites(6, G, G.wsMin));
  const received = async (call: ReturnType<typeof openCompletionStream>["call"], n: number) => {
    const sequences: bigint[] = [];
    for await (const message of call as AsyncIterable<StreamCompletionsResponse>) {
      sequences.push(...message.completions.map((c) => c.sequence));
      if (sequences.length >= n) break;
    }
    return sequences;
  };
  const first = openCompletionStream(t, client, ctx.id, 0n, true);
  const seen = await received(first.call, 6);
  first.call.cancel();
  // Acknowledge the first two; the next stream gets the other four again.
  const ack = await unary<AcknowledgeResponse>((cb) =>
    client.stubs.contexts.acknowledge(
      create(AcknowledgeRequestSchema, { contextId: ctx.id, through: seen[1] ?? 0n }),
      cb,
    ),
  );
  t.is(ack.released, 2);
  const second = openCompletionStream(t, client, ctx.id, 0n, true);
  t.deepEqual(await received(second.call, 4), seen.slice(2));
});

test("Acknowledge of an unknown context fails with NOT_FOUND", async (t) => {
  const { client } = await startTestServer(t);
  const error = await t.throwsAsync(
    unary<AcknowledgeResponse>((cb) =>
      client.stubs.contexts.acknowledge(
        create(AcknowledgeRequestSchema, { contextId: "nope", through: 1n }),
        cb,
      ),
    ),
  );
  t.is(LnvmError.from(error).reason, "CONTEXT_NOT_FOUND");
});

test("the server serves sessions on a Unix socket", async (t) => {
  const socket = await tempPath(t, "lnvmd.sock");
  const { device } = await startTestServer(t, G, ["--listen", `unix:${socket}`]);
  const client = createLnvmClient(`unix:${socket}`);
  t.teardown(() => client.close());
  const ctx = await client.init({ device, depth: 8 });
  const data = new Uint8Array(G.wsMin * G.nbytes).fill(7);
  const start = { group: 0, punit: 0, chunk: 0, sector: 0 };
  t.is((await ctx.write({ start, count: G.wsMin }, data)).status?.name, "SUCCESS");
  await ctx.term();
});

test("a completion stream stating a receive limit below one largest completion fails naming the field", async (t) => {
  const { client, device } = await startTestServer(t);
  const ctx = await client.init({ device, depth: 4 });
  const call = client.stubs.contexts.streamCompletions(
    create(StreamCompletionsRequestSchema, { contextId: ctx.id, maxReceiveMessageBytes: 1000 }),
  );
  const error = await new Promise<unknown>((resolve) => call.on("error", resolve));
  const decoded = LnvmError.from(error);
  t.is(decoded.codeName, "INVALID_ARGUMENT");
  t.is(decoded.fieldViolations[0]?.field, "max_receive_message_bytes");
});

test("Poke with max_response_bytes returns no more than fits and keeps the rest held", async (t) => {
  const { client, device } = await startTestServer(t, G, ["--max-command-bytes", "65536"]);
  const ctx = await client.init({ device, depth: 8 });
  await ctx.submit(
    Array.from({ length: 4 }, (_, i) =>
      readCommand(BigInt(i + 1), { group: 0, punit: i % 2, chunk: 0, sector: 0 }, 16),
    ),
  );
  // Let the device finish all four (ack_through 0 acknowledges nothing), then poke with a limit
  // that fits two 64 KiB reads but not three.
  const poke = (maxResponseBytes: number) =>
    unary<PokeResponse>((cb) =>
      client.stubs.contexts.poke(
        create(PokeRequestSchema, { contextId: ctx.id, ackThrough: 0n, maxResponseBytes }),
        cb,
      ),
    );
  for (let i = 0; i < 1000 && (await ctx.info()).outstanding > 0; i++) await poke(0);
  const limited = await poke(150 * 1024);
  t.is(limited.completions.length, 2);
  t.is((await poke(0)).completions.length, 4);
});
