import { setMaxListeners } from "node:events";
import { create } from "@bufbuild/protobuf";
import { Server, ServerCredentials, type UntypedServiceImplementation } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import {
  type CallLimits,
  ContextHandle,
  createLnvmClient,
  type LnvmClient,
  LnvmError,
} from "../../clients/ts/index.js";
import { AsyncContextServiceDefinition } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import { AsyncContextSchema } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ClusterServiceDefinition } from "../../gen/ts/lightnvm/v1/cluster_grpc.js";
import { DeviceServiceDefinition } from "../../gen/ts/lightnvm/v1/device_grpc.js";
import { StatsServiceDefinition } from "../../gen/ts/lightnvm/v1/stats_grpc.js";
import { freshWrites } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;
const DEPTH = 4;

/**
 * A gRPC server with every lnvmd service whose handlers never answer: a call to it ends only
 * by its deadline or its cancellation. Returns a client of it.
 */
async function silentServer(t: ExecutionContext, defaultTimeoutMs?: number): Promise<LnvmClient> {
  const server = new Server();
  const never: UntypedServiceImplementation = new Proxy({}, { get: () => () => {} });
  for (const service of [
    DeviceServiceDefinition,
    AsyncContextServiceDefinition,
    StatsServiceDefinition,
    ClusterServiceDefinition,
  ]) {
    server.addService(service, never);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const client = createLnvmClient(
    `127.0.0.1:${port}`,
    defaultTimeoutMs === undefined ? {} : { defaultTimeoutMs },
  );
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  return client;
}

/** A handle on a context the silent server is supposed to hold. */
function handleOn(client: LnvmClient): ContextHandle {
  return new ContextHandle(client.stubs.contexts, create(AsyncContextSchema, { id: "c1" }), {
    maxReceiveMessageBytes: 1 << 20,
    defaultTimeoutMs: 600_000,
  });
}

/** Drains `report`. */
async function drain(report: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of report);
}

/** The gRPC code name `call` rejects with (it must reject with an LnvmError). */
async function codeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (error instanceof LnvmError) return error.codeName;
    throw error;
  }
  return "OK";
}

/** Every call of the client and of a context handle, with `limits`. */
function everyCall(client: LnvmClient, limits: CallLimits): Record<string, () => Promise<unknown>> {
  const ctx = handleOn(client);
  return {
    devices: () => client.devices(limits),
    device: () => client.device("d", limits),
    reportChunks: () => drain(client.reportChunks("d", limits)),
    init: () => client.init({ device: "d", ...limits }),
    stats: () => client.stats(limits),
    clusterDevices: () => client.clusterDevices(limits),
    submit: () => ctx.submit(freshWrites(1, G, G.wsMin), limits),
    poke: () => ctx.poke(0, limits),
    wait: () => ctx.wait(limits),
    info: () => ctx.info(limits),
    term: () => ctx.term(limits),
  };
}

test("every call of LnvmClient and ContextHandle ends with DEADLINE_EXCEEDED at its timeoutMs when the server never answers", async (t) => {
  // The handles' default (600 s) and the client's (30 s) are far beyond the test's timeout.
  const client = await silentServer(t);
  const calls = everyCall(client, { timeoutMs: 50 });
  const codes = await Promise.all(Object.values(calls).map(codeOf));
  t.deepEqual(
    Object.fromEntries(Object.keys(calls).map((name, i) => [name, codes[i]])),
    Object.fromEntries(Object.keys(calls).map((name) => [name, "DEADLINE_EXCEEDED"])),
  );
});

test("the client's defaultTimeoutMs is the deadline of its unary calls that state none", async (t) => {
  const client = await silentServer(t, 50);
  t.is(await codeOf(() => client.devices()), "DEADLINE_EXCEEDED");
  t.is(await codeOf(() => client.init({ device: "d" })), "DEADLINE_EXCEEDED");
  t.is(await codeOf(() => client.stats()), "DEADLINE_EXCEEDED");
});

test("a chunk report has no deadline unless given: a client default of 0 does not cut it", async (t) => {
  const { address, device } = await startTestServer(t);
  const client = createLnvmClient(address, { defaultTimeoutMs: 0 });
  t.teardown(() => client.close());
  let chunks = 0;
  for await (const _ of client.reportChunks(device)) chunks++;
  t.is(chunks, G.npugrp * G.npunit * G.nchunk);
});

test("an aborted signal ends every call of LnvmClient and ContextHandle with CANCELLED, before or while it waits", async (t) => {
  const client = await silentServer(t);
  const before = everyCall(client, { signal: AbortSignal.abort() });
  for (const [name, call] of Object.entries(before)) t.is(await codeOf(call), "CANCELLED", name);
  const controller = new AbortController();
  // One signal for all eleven calls: more listeners than Node's warning threshold.
  setMaxListeners(20, controller.signal);
  const during = everyCall(client, { signal: controller.signal });
  const codes = Promise.all(Object.values(during).map(codeOf));
  controller.abort();
  t.true((await codes).every((code) => code === "CANCELLED"));
});

test("aborting a Submit that waits for room cancels it; the context's room is unchanged", async (t) => {
  const { client, device } = await startTestServer(t);
  // A full context: its DEPTH completions are held until collected, so the next batch waits.
  const ctx = await client.init({ device, depth: DEPTH });
  await ctx.submit(freshWrites(DEPTH, G, G.wsMin));
  const controller = new AbortController();
  const waiting = codeOf(() =>
    ctx.submit(freshWrites(1, G, G.wsMin, 100n), {
      waitForRoomMs: 600_000,
      signal: controller.signal,
    }),
  );
  controller.abort();
  t.is(await waiting, "CANCELLED");
  t.is((await ctx.wait()).length, DEPTH);
});
