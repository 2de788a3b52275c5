import { create } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import {
  ChunkState,
  type Command,
  CommandSchema,
  createLnvmClient,
  type LnvmClient,
  type LnvmError,
  toAddress,
} from "../../../clients/ts/index.js";
import { eraseCommand, readCommand, writeCommand } from "../../helpers/commands.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { writePolicyFile } from "../../helpers/policy-file.js";
import { startTestServer } from "../../helpers/test-server.js";
import { writeTokenFile } from "../../helpers/token-file.js";

const G = GEOMETRIES.small;
const ALL_IO = ["read", "write", "erase", "copy", "report"];

/**
 * One device of 2 parallel units: tenant-a holds unit 0, tenant-b unit 1, ops is admin of every
 * device, outsider has no grant. Each has a bearer token named after it.
 */
async function partitionedServer(t: ExecutionContext) {
  const tokens = {
    "tenant-a": "token-a",
    "tenant-b": "token-b",
    ops: "token-ops",
    outsider: "token-x",
  };
  const policy = await writePolicyFile(t, {
    grants: [
      {
        principal: "tenant-a",
        device: "device.img",
        rights: ALL_IO,
        punits: { first: 0, last: 0 },
      },
      {
        principal: "tenant-b",
        device: "device.img",
        rights: ALL_IO,
        punits: { first: 1, last: 1 },
      },
      { principal: "ops", device: "*", rights: ["admin"] },
    ],
  });
  const { address, client: a } = await startTestServer(
    t,
    G,
    ["--token-file", await writeTokenFile(t, tokens), "--policy", policy],
    undefined,
    { token: "token-a" },
  );
  const connect = (token: string) => {
    const client = createLnvmClient(address, { token });
    t.teardown(() => client.close());
    return client;
  };
  return { a, b: connect("token-b"), ops: connect("token-ops"), outsider: connect("token-x") };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const data = new Uint8Array(G.wsMin * G.nbytes);
const inA = { group: 0, punit: 0, chunk: 0, sector: 0 };
const inB = { group: 0, punit: 1, chunk: 0, sector: 0 };

function copyCommand(tag: bigint, from: typeof inA, to: typeof inA): Command {
  return create(CommandSchema, {
    tag,
    op: { case: "copy", value: { sources: [toAddress(from)], destinations: [toAddress(to)] } },
  });
}

test("a batch with one command outside the caller's partition is refused naming its index and address, and none of it reaches the device", async (t) => {
  const { a } = await partitionedServer(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  const error = await t.throwsAsync<LnvmError>(
    ctx.submit([writeCommand(1n, inA, G.wsMin, data), writeCommand(2n, inB, G.wsMin, data)]),
  );
  t.is(error?.code, status.PERMISSION_DENIED);
  t.is(error?.reason, "PERMISSION_DENIED");
  t.like(error?.metadata, {
    command_index: "1",
    address: "0/1/0/0",
    right: "write",
    principal: "tenant-a",
  });
  t.regex(error?.message ?? "", /^commands\[1\]: tenant-a may not write chunk 0\/1\/0/);
  // The permitted first command was not submitted either: its chunk is still free.
  const [chunk] = await collect(a.reportChunks("device.img", { puBegin: 0, puEnd: 1 }));
  t.is(chunk?.state, ChunkState.FREE);
  await ctx.term();
});

test("reads, erases and copies addressing another tenant's chunks are refused with the right they lack", async (t) => {
  const { a } = await partitionedServer(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  t.teardown(() => ctx.term().catch(() => {}));
  const cases: [string, Command, string][] = [
    ["read", readCommand(1n, inB, G.wsMin), "0/1/0/0"],
    ["erase", eraseCommand(2n, { ...inB, chunk: 2 }), "0/1/2/0"],
    ["copy", copyCommand(3n, inA, { ...inB, sector: 4 }), "0/1/0/4"],
    ["copy", copyCommand(4n, { ...inB, chunk: 3 }, inA), "0/1/3/0"],
  ];
  for (const [right, command, address] of cases) {
    const error = await t.throwsAsync<LnvmError>(ctx.submit([command]));
    t.is(error?.code, status.PERMISSION_DENIED, address);
    t.like(error?.metadata, { command_index: "0", address, right });
  }
  // Inside its own partition the same operations reach the device.
  t.is((await ctx.write({ start: inA, count: G.wsMin }, data)).status?.code, 0);
});

test("the chunk report shows only the caller's chunks", async (t) => {
  const { a, b } = await partitionedServer(t);
  const units = async (client: typeof a) =>
    new Set((await collect(client.reportChunks("device.img"))).map((c) => `${c.group}/${c.punit}`));
  t.deepEqual([...(await units(a))], ["0/0"]);
  t.deepEqual([...(await units(b))], ["0/1"]);
  t.is((await collect(a.reportChunks("device.img"))).length, G.nchunk);
});

test("a caller with no grant on a device neither sees nor uses it, and cannot tell it from a missing one", async (t) => {
  const { outsider } = await partitionedServer(t);
  t.deepEqual(await outsider.devices(), []);
  const served = await t.throwsAsync<LnvmError>(outsider.device("device.img"));
  const missing = await t.throwsAsync<LnvmError>(outsider.device("no-such.img"));
  t.is(served?.code, status.PERMISSION_DENIED);
  t.is(missing?.code, status.PERMISSION_DENIED);
  const init = await t.throwsAsync<LnvmError>(outsider.init({ device: "device.img" }));
  t.is(init?.code, status.PERMISSION_DENIED);
  t.is(init?.metadata["device"], "device.img");
});

test("an admin may get and Term another principal's context", async (t) => {
  const { a, ops } = await partitionedServer(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  const request = { contextId: ctx.id };
  const got = await new Promise<{ context?: { id: string } | undefined }>((resolve, reject) =>
    ops.stubs.contexts.getContext(
      { $typeName: "lightnvm.v1.GetContextRequest", ...request },
      (e, r) => (e ? reject(e) : resolve(r ?? {})),
    ),
  );
  t.is(got.context?.id, ctx.id);
  await new Promise<void>((resolve, reject) =>
    ops.stubs.contexts.term({ $typeName: "lightnvm.v1.TermRequest", ...request }, (e) =>
      e ? reject(e) : resolve(),
    ),
  );
  // The context is gone for its owner too; the owner is no admin, so it learns only that it may not.
  const error = await t.throwsAsync<LnvmError>(ctx.read({ start: inA, count: G.wsMin }));
  t.is(error?.code, status.PERMISSION_DENIED);
});

test("a session command outside the caller's partition ends the session with PERMISSION_DENIED before it reaches the device", async (t) => {
  const { a, b } = await partitionedServer(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  t.teardown(() => ctx.term().catch(() => {}));
  const error = await t.throwsAsync<LnvmError>(ctx.write({ start: inB, count: G.wsMin }, data));
  t.is(error?.code, status.PERMISSION_DENIED);
  t.like(error?.metadata, { address: "0/1/0/0", right: "write" });
  // Tenant B, who may report its unit, sees the chunk untouched.
  const [chunk] = await collect(b.reportChunks("device.img", { puBegin: 1, puEnd: 2 }));
  t.like(chunk, { punit: 1, chunk: 0, state: ChunkState.FREE });
});

function listContexts(client: LnvmClient) {
  return new Promise<{ id: string | undefined; owner: string }[]>((resolve, reject) =>
    client.stubs.contexts.listContexts(
      { $typeName: "lightnvm.v1.ListContextsRequest", device: "" },
      (error, response) =>
        error
          ? reject(error)
          : resolve((response?.contexts ?? []).map((c) => ({ id: c.context?.id, owner: c.owner }))),
    ),
  );
}

test("ListContexts shows a tenant only its own contexts, and an admin every context with its owner", async (t) => {
  const { a, b, ops } = await partitionedServer(t);
  const ofA = await a.init({ device: "device.img", depth: 4 });
  const ofB = await b.init({ device: "device.img", depth: 4 });
  t.teardown(() => Promise.all([ofA.term(), ofB.term()]).catch(() => {}));
  t.deepEqual(await listContexts(a), [{ id: ofA.id, owner: "tenant-a" }]);
  t.deepEqual(await listContexts(b), [{ id: ofB.id, owner: "tenant-b" }]);
  t.deepEqual(await listContexts(ops), [
    { id: ofA.id, owner: "tenant-a" },
    { id: ofB.id, owner: "tenant-b" },
  ]);
});

test("Stats show a tenant only its own contexts and the devices it may use", async (t) => {
  const { a, b, outsider } = await partitionedServer(t);
  const ofA = await a.init({ device: "device.img", depth: 4 });
  const ofB = await b.init({ device: "device.img", depth: 4 });
  t.teardown(() => Promise.all([ofA.term(), ofB.term()]).catch(() => {}));
  const stats = await a.stats();
  t.deepEqual(
    stats.contexts.map((c) => c.contextId),
    [ofA.id],
  );
  t.deepEqual(
    (await outsider.stats()).devices.map((d) => d.device),
    [],
  );
});
