import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import test from "ava";
import { type Completion, createLnvmClient, LnvmError } from "../../clients/ts/index.js";
import {
  type AsyncContext,
  GetContextRequestSchema,
  type GetContextResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { freshWrites, readCommand, writeCommand } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startServerProcess } from "../helpers/lnvmd-process.js";
import { RawSession } from "../helpers/raw-session.js";
import { createTempImage } from "../helpers/temp-device.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;
const WRITER = fileURLToPath(new URL("../fixtures/session-writer.ts", import.meta.url));

/** Reads session messages until `n` completions arrived; acknowledges each message if asked. */
async function collect(session: RawSession, n: number, acknowledge = false): Promise<Completion[]> {
  const completions: Completion[] = [];
  while (completions.length < n) {
    const message = await session.next();
    if (!message) throw new Error(`session ended after ${completions.length} of ${n} completions`);
    completions.push(...message.completions);
    const last = message.completions.at(-1);
    if (acknowledge && last) session.send([], last.sequence);
  }
  return completions;
}

async function opened(session: RawSession): Promise<AsyncContext> {
  const message = await session.next();
  if (!message?.opened) throw new Error("no opened message");
  return message.opened;
}

async function getContext(address: string, id: string): Promise<AsyncContext> {
  const client = createLnvmClient(address);
  try {
    const response = await new Promise<GetContextResponse>((resolve, reject) =>
      client.stubs.contexts.getContext(
        create(GetContextRequestSchema, { contextId: id }),
        (e, r) => (e || !r ? reject(e) : resolve(r)),
      ),
    );
    if (!response.context) throw new Error("no context");
    return response.context;
  } finally {
    client.close();
  }
}

const tags = (completions: readonly Completion[]) =>
  completions.map((c) => c.tag).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

test("completions written to a cancelled session are replayed in order to the next one, and each command completes exactly once", async (t) => {
  const { address, device } = await startTestServer(t);
  const first = new RawSession(t, address, { device, depth: 16 });
  const context = await opened(first);
  first.send(freshWrites(8, G, G.wsMin));
  const seen = await collect(first, 8);
  first.cancel();
  await first.ended;

  const second = new RawSession(t, address, { contextId: context.id });
  const reopened = await opened(second);
  t.is(reopened.submitted, 8n);
  t.is(reopened.unacknowledged + reopened.pending, 8);
  const replay = await collect(second, 8);
  t.deepEqual(
    replay.map((c) => c.sequence),
    seen.map((c) => c.sequence),
  );
  t.deepEqual(tags(replay), [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
  t.true(replay.every((c) => c.status?.name === "SUCCESS"));
  second.send([], replay.at(-1)?.sequence ?? 0n);
  second.end();
  t.is(await second.ended, undefined);
  const after = await getContext(address, context.id);
  t.is(after.pending + after.unacknowledged, 0);
  t.is(after.heldBytes, 0n);
});

test("a session whose receive limit is smaller than one batch gets every completion in messages within the limit", async (t) => {
  const { address, device } = await startTestServer(t, G, ["--max-command-bytes", "65536"]);
  const limit = 160 * 1024;
  const session = new RawSession(
    t,
    address,
    { device, depth: 16 },
    { maxReceiveMessageBytes: limit },
  );
  await opened(session);
  const sectors = 16;
  session.send(
    Array.from({ length: 16 }, (_, i) =>
      readCommand(BigInt(i + 1), { group: 0, punit: i % 2, chunk: 0, sector: 0 }, sectors),
    ),
  );
  const completions: Completion[] = [];
  let messages = 0;
  while (completions.length < 16) {
    const message = await session.next();
    if (!message) break;
    messages++;
    // Two 64 KiB reads exceed no 160 KiB message; three would.
    t.true(message.completions.length <= 2);
    completions.push(...message.completions);
    const last = message.completions.at(-1);
    if (last) session.send([], last.sequence);
  }
  t.is(completions.length, 16);
  t.true(messages >= 8);
  t.true(completions.every((c) => c.data.length === sectors * G.nbytes));
});

test("writes to one chunk spread over many pipelined session messages all succeed in order", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(t, address, { device, depth: 32 });
  await opened(session);
  const data = new Uint8Array(G.wsMin * G.nbytes);
  let tag = 0n;
  // Every chunk of PU 0/0 written to its end, one write per message, without waiting.
  for (let sector = 0; sector < G.nsectr; sector += G.wsMin) {
    for (let chunk = 0; chunk < G.nchunk; chunk++) {
      session.send([writeCommand(++tag, { group: 0, punit: 0, chunk, sector }, G.wsMin, data)]);
    }
  }
  const completions = await collect(session, Number(tag), true);
  t.deepEqual(
    completions.filter((c) => c.status?.name !== "SUCCESS").map((c) => c.status?.name),
    [],
  );
});

test("a session whose reader stops acknowledging stops admission at the context's byte budget", async (t) => {
  const budget = 256 * 1024;
  const { address, device } = await startTestServer(t, G, [
    "--max-command-bytes",
    "65536",
    "--context-held-bytes",
    String(budget),
  ]);
  const session = new RawSession(t, address, { device, depth: 64 });
  const context = await opened(session);
  const readNbytes = 16 * G.nbytes;
  for (let i = 0; i < 16; i++) {
    session.send([readCommand(BigInt(i + 1), { group: 0, punit: i % 2, chunk: 1, sector: 0 }, 16)]);
  }
  // Four reads fill the budget; without acknowledgements nothing more is admitted.
  const firstFour = await collect(session, budget / readNbytes);
  const held = await getContext(address, context.id);
  t.is(held.submitted, BigInt(budget / readNbytes));
  t.is(held.heldBytes, BigInt(budget));
  t.is(held.heldBytesLimit, BigInt(budget));
  t.is(held.outstanding, 0);
  // Acknowledging lets the rest through.
  session.send([], firstFour.at(-1)?.sequence ?? 0n);
  const rest = await collect(session, 16 - firstFour.length, true);
  t.deepEqual(
    tags([...firstFour, ...rest]),
    Array.from({ length: 16 }, (_, i) => BigInt(i + 1)),
  );
});

test("after kill -9 of the client process, a new process attaching to the context gets every completion", async (t) => {
  const { address, device } = await startTestServer(t);
  const n = 8;
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, address, device, String(n)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const lines = createInterface({ input: child.stdout });
  let contextId = "";
  await new Promise<void>((resolve) =>
    lines.on("line", (line) => {
      const event = JSON.parse(line) as { contextId?: string; completions?: number };
      if (event.contextId) contextId = event.contextId;
      if (event.completions) resolve();
    }),
  );
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));

  const session = new RawSession(t, address, { contextId });
  t.is((await opened(session)).submitted, BigInt(n));
  const completions = await collect(session, n, true);
  t.deepEqual(
    tags(completions),
    Array.from({ length: n }, (_, i) => BigInt(i + 1)),
  );
  t.true(completions.every((c) => c.status?.name === "SUCCESS"));
});

test("SIGTERM with a batch accepted and the reader paused delivers every completion before the session ends UNAVAILABLE and the server exits 0", async (t) => {
  const image = await createTempImage(t, G);
  const server = await startServerProcess(t, image, ["--shutdown-timeout-ms", "60000"]);
  const session = new RawSession(t, server.address, { device: "device.img", depth: 32 });
  const context = await opened(session);
  session.pause(true);
  session.send(freshWrites(32, G, G.wsMin));
  // The batch is accepted once the context reports it submitted.
  for (let i = 0; i < 1000 && (await getContext(server.address, context.id)).submitted < 32n; i++);
  server.child.kill("SIGTERM");
  await server.logged(
    "shutting down: completing accepted commands and delivering their completions",
  );
  session.pause(false);
  const completions = await collect(session, 32, true);
  t.deepEqual(
    tags(completions),
    Array.from({ length: 32 }, (_, i) => BigInt(i + 1)),
  );
  t.true(completions.every((c) => c.status?.name === "SUCCESS"));
  const ended = LnvmError.from(await session.ended);
  t.is(ended.codeName, "UNAVAILABLE");
  t.is(ended.reason, "SHUTTING_DOWN");
  t.is(await server.exited, 0);
  t.false(server.logs.some((e) => e["msg"] === "shutdown deadline passed: forcing"));
});
