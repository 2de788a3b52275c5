import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  type Client,
  type ClientDuplexStream,
  type ClientReadableStream,
  type ClientUnaryCall,
  credentials,
  makeGenericClientConstructor,
  type ServiceError,
} from "@grpc/grpc-js";
import { FLOW_CONTROL_WINDOW_NBYTES } from "../clients/ts/lnvm-client.js";
import { LatencyRecorder } from "../clients/ts/load/index.js";
import { BARE_MAX_MESSAGE_NBYTES, BARE_PAYLOAD_NBYTES, BARE_SERVICE } from "./bare-grpc-service.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { startChildServer } from "./child-server.js";
import { ProcessSampler } from "./process-sampler.js";

const BARE_SERVER = fileURLToPath(new URL("./bare-grpc-server.ts", import.meta.url));

/** Untimed calls and messages before each measurement (JIT, connection, windows). */
const WARMUP_S = 0.5;

/** 4 KiB items per batched push message, as a completion batch of 16 reads. */
export const BARE_PUSH_BATCH_NITEMS = 16;

/** Bytes of the large push messages: one 256 KiB read's data, the server's largest command. */
export const BARE_LARGE_PUSH_NBYTES = 256 * 1024;

/** The generic client's methods over `BARE_SERVICE`. */
interface BareClient extends Client {
  unary(
    request: Buffer,
    callback: (error: ServiceError | null, response?: Buffer) => void,
  ): ClientUnaryCall;
  pingPong(): ClientDuplexStream<Buffer, Buffer>;
  push(request: Buffer): ClientReadableStream<Buffer>;
}

/** Server and client CPU, and the server's peak RSS, around one measurement. */
function sampleBoth(serverPid: number) {
  const server = new ProcessSampler(serverPid);
  const client = new ProcessSampler(process.pid);
  server.start();
  client.start();
  return () => {
    const usage = server.stop();
    const clientUsage = client.stop();
    return {
      serverCpuPercent: usage.cpuPercent,
      serverPeakRssMiB: usage.peakRssMiB,
      clientNote: `client CPU ${clientUsage.cpuPercent.toFixed(0)} %`,
    };
  };
}

/**
 * Receives `Push` messages of `messageNbytes` on one stream: warms up for `WARMUP_S`, then
 * counts bytes for `seconds`; cancels the stream at the end. The row counts `itemNbytes` items.
 */
async function measurePush(
  client: BareClient,
  serverPid: number,
  messageNbytes: number,
  itemNbytes: number,
  seconds: number,
): Promise<BenchRow> {
  const request = Buffer.alloc(4);
  request.writeUInt32BE(messageNbytes, 0);
  const call = client.push(request);
  let received = 0;
  call.on("data", (message: Buffer) => {
    received += message.byteLength;
  });
  call.on("error", () => {});
  await sleep(WARMUP_S * 1000);
  const stop = sampleBoth(serverPid);
  const n0 = received;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const nbytes = received - n0;
  const elapsed = (performance.now() - t0) / 1000;
  const { clientNote, ...usage } = stop();
  call.cancel();
  const items = nbytes / itemNbytes / elapsed;
  const perMessage = messageNbytes / itemNbytes;
  return createRow({
    layer: "bare-grpc",
    workload: "push",
    bs: itemNbytes,
    iops: items,
    mbps: nbytes / elapsed / 1e6,
    ...usage,
    note: `${perMessage === 1 ? "" : `${perMessage} × `}${itemNbytes / 1024} KiB per message, server write() until cancelled; IOPS = items/s; ${clientNote}`,
  });
}

/**
 * One operation at a time (`once` resolves when it is done), for `seconds` after a warm-up;
 * latency per operation, rate and the server's and client's CPU.
 */
async function measureRoundTrips(
  workload: string,
  note: string,
  once: () => Promise<void>,
  serverPid: number,
  seconds: number,
): Promise<BenchRow> {
  const loop = async (until: number, record: ((ns: number) => void) | undefined) => {
    let n = 0;
    while (performance.now() < until) {
      const t = performance.now();
      await once();
      n++;
      record?.(Math.round((performance.now() - t) * 1e6));
    }
    return n;
  };
  await loop(performance.now() + WARMUP_S * 1000, undefined);
  const latency = new LatencyRecorder();
  const stop = sampleBoth(serverPid);
  const t0 = performance.now();
  const n = await loop(t0 + seconds * 1000, (ns) => latency.recordNs(ns));
  const elapsed = (performance.now() - t0) / 1000;
  const { clientNote, ...usage } = stop();
  return createRow({
    layer: "bare-grpc",
    workload,
    qd: 1,
    bs: BARE_PAYLOAD_NBYTES,
    iops: n / elapsed,
    mbps: (n * BARE_PAYLOAD_NBYTES) / elapsed / 1e6,
    p50Us: latency.percentileUs(50),
    p99Us: latency.percentileUs(99),
    ...usage,
    note: `${note}; ${clientNote}`,
  });
}

/**
 * `PingPong`: one 16 B message out, wait for its 4 KiB reply, next (1 in flight), on one open
 * stream; latency per exchange.
 */
async function measurePingPong(
  client: BareClient,
  serverPid: number,
  seconds: number,
): Promise<BenchRow> {
  const call = client.pingPong();
  const request = Buffer.alloc(16);
  let onReply: (() => void) | undefined;
  call.on("data", () => onReply?.());
  const failed = new Promise<never>((_, reject) => call.on("error", reject));
  const exchange = () =>
    Promise.race([
      new Promise<void>((resolve) => {
        onReply = resolve;
        call.write(request);
      }),
      failed,
    ]);
  try {
    return await measureRoundTrips(
      "pingpong",
      "bidirectional stream, 16 B message → 4 KiB reply, 1 in flight; exchanges/s",
      exchange,
      serverPid,
      seconds,
    );
  } finally {
    call.end();
    call.cancel();
  }
}

/** Unary calls with a 16 B request and a 4 KiB response, one in flight. */
function measureUnary(client: BareClient, serverPid: number, seconds: number): Promise<BenchRow> {
  const request = Buffer.alloc(16);
  const callOnce = () =>
    new Promise<void>((resolve, reject) => {
      client.unary(request, (error) => (error ? reject(error) : resolve()));
    });
  return measureRoundTrips(
    "unary",
    "16 B request, 4 KiB response, 1 in flight; calls/s",
    callOnce,
    serverPid,
    seconds,
  );
}

/**
 * The transport reference: a bare grpc-js server (child process, lnvmd's socket settings) and
 * a client with the TypeScript client's channel settings, moving the service's payloads
 * without protobuf or a device: unary round trips, bidirectional ping-pong, and server pushes
 * of 16 × 4 KiB and of 256 KiB per message.
 */
export async function runBareGrpcReference(dir: string, seconds: number): Promise<BenchRow[]> {
  const readyFile = join(dir, "bare.ready.json");
  const server = await startChildServer(BARE_SERVER, [readyFile], readyFile);
  const Constructor = makeGenericClientConstructor(BARE_SERVICE, "Bare");
  const client = new Constructor(server.address, credentials.createInsecure(), {
    "grpc.max_receive_message_length": BARE_MAX_MESSAGE_NBYTES,
    "grpc-node.flow_control_window": FLOW_CONTROL_WINDOW_NBYTES,
  }) as unknown as BareClient;
  try {
    return [
      await measureUnary(client, server.pid, seconds),
      await measurePingPong(client, server.pid, seconds),
      await measurePush(
        client,
        server.pid,
        BARE_PUSH_BATCH_NITEMS * BARE_PAYLOAD_NBYTES,
        BARE_PAYLOAD_NBYTES,
        seconds,
      ),
      await measurePush(
        client,
        server.pid,
        BARE_LARGE_PUSH_NBYTES,
        BARE_LARGE_PUSH_NBYTES,
        seconds,
      ),
    ];
  } finally {
    client.close();
    await server.stop();
  }
}
