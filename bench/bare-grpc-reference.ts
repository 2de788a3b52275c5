import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  type Client,
  type ClientReadableStream,
  type ClientUnaryCall,
  credentials,
  makeGenericClientConstructor,
  type ServiceError,
} from "@grpc/grpc-js";
import { BARE_PAYLOAD_NBYTES, BARE_SERVICE } from "./bare-grpc-service.js";
import { type BenchRow, createRow } from "./bench-row.js";
import { startChildServer } from "./child-server.js";
import { createLatencyHistogram, latencyPercentilesUs } from "./latency-histogram.js";
import { ProcessSampler } from "./process-sampler.js";

const BARE_SERVER = fileURLToPath(new URL("./bare-grpc-server.ts", import.meta.url));

/** Untimed calls and messages before each measurement (JIT, connection, windows). */
const WARMUP_S = 0.5;

/** Calls kept in flight by the deeper unary run. */
export const BARE_UNARY_QDS = [1, 32] as const;

/** The generic client's methods over `BARE_SERVICE`. */
interface BareClient extends Client {
  unary(
    request: Buffer,
    callback: (error: ServiceError | null, response?: Buffer) => void,
  ): ClientUnaryCall;
  stream(request: Buffer): ClientReadableStream<Buffer>;
}

/**
 * Receives 4 KiB messages from one server stream (one `write()` per message on the server):
 * warms up for `WARMUP_S`, then counts messages for `seconds`; cancels the stream at the end.
 */
async function measureStream(
  client: BareClient,
  sampler: ProcessSampler,
  seconds: number,
): Promise<BenchRow> {
  const self = new ProcessSampler(process.pid);
  const call = client.stream(Buffer.alloc(4));
  let received = 0;
  call.on("data", () => {
    received++;
  });
  call.on("error", () => {});
  await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
  sampler.start();
  self.start();
  const n0 = received;
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const n1 = received;
  const elapsed = (performance.now() - t0) / 1000;
  const usage = sampler.stop();
  const clientUsage = self.stop();
  call.cancel();
  const rate = (n1 - n0) / elapsed;
  return createRow({
    layer: "bare-grpc",
    workload: "stream",
    bs: BARE_PAYLOAD_NBYTES,
    iops: rate,
    mbps: (rate * BARE_PAYLOAD_NBYTES) / 1e6,
    serverCpuPercent: usage.cpuPercent,
    serverPeakRssMiB: usage.peakRssMiB,
    note: `one 4 KiB message per write(); messages/s; client CPU ${clientUsage.cpuPercent.toFixed(0)} %`,
  });
}

/**
 * Unary calls with a small request and a 4 KiB response, `qd` in flight (each resolved call
 * issues the next), for `seconds` after a warm-up.
 */
async function measureUnary(
  client: BareClient,
  sampler: ProcessSampler,
  qd: number,
  seconds: number,
): Promise<BenchRow> {
  const self = new ProcessSampler(process.pid);
  const request = Buffer.alloc(16);
  const callOnce = () =>
    new Promise<void>((resolve, reject) => {
      client.unary(request, (error) => (error ? reject(error) : resolve()));
    });
  const loop = async (until: number, record: ((ns: number) => void) | undefined) => {
    let n = 0;
    while (performance.now() < until) {
      const t = performance.now();
      await callOnce();
      n++;
      record?.(Math.round((performance.now() - t) * 1e6));
    }
    return n;
  };
  const warmUntil = performance.now() + WARMUP_S * 1000;
  await Promise.all(Array.from({ length: qd }, () => loop(warmUntil, undefined)));
  const latency = createLatencyHistogram();
  const record = (ns: number) => latency.recordValue(ns);
  sampler.start();
  self.start();
  const t0 = performance.now();
  const counts = await Promise.all(
    Array.from({ length: qd }, () => loop(t0 + seconds * 1000, record)),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const usage = sampler.stop();
  const clientUsage = self.stop();
  const rate = counts.reduce((a, b) => a + b, 0) / elapsed;
  return createRow({
    layer: "bare-grpc",
    workload: "unary",
    qd,
    bs: BARE_PAYLOAD_NBYTES,
    iops: rate,
    mbps: (rate * BARE_PAYLOAD_NBYTES) / 1e6,
    ...latencyPercentilesUs(latency),
    serverCpuPercent: usage.cpuPercent,
    serverPeakRssMiB: usage.peakRssMiB,
    note: `16 B request, 4 KiB response; calls/s; client CPU ${clientUsage.cpuPercent.toFixed(0)} %`,
  });
}

/**
 * The transport reference: a bare grpc-js server (child process) and client moving the
 * service's payloads without protobuf or a device: one 4 KiB message per stream write, and
 * 4 KiB unary round trips at each of `BARE_UNARY_QDS`.
 */
export async function runBareGrpcReference(dir: string, seconds: number): Promise<BenchRow[]> {
  const readyFile = join(dir, "bare.ready.json");
  const server = await startChildServer(BARE_SERVER, [readyFile], readyFile);
  const Constructor = makeGenericClientConstructor(BARE_SERVICE, "Bare");
  const client = new Constructor(
    server.address,
    credentials.createInsecure(),
  ) as unknown as BareClient;
  const sampler = new ProcessSampler(server.pid);
  try {
    const rows = [await measureStream(client, sampler, seconds)];
    for (const qd of BARE_UNARY_QDS) rows.push(await measureUnary(client, sampler, qd, seconds));
    return rows;
  } finally {
    client.close();
    await server.stop();
  }
}
