import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import type { ClientDuplexStream } from "@grpc/grpc-js";
import {
  type Command,
  CommandSchema,
  type ContextHandle,
  createLnvmClient,
  toTarget,
} from "../clients/ts/index.js";
import { DEFAULT_RECEIVE_MESSAGE_BYTES } from "../clients/ts/lnvm-client.js";
import {
  type SessionRequest,
  SessionRequestSchema,
  type SessionResponse,
} from "../gen/ts/lightnvm/v1/async_context_pb.js";
import { BENCH_GEOMETRY, LARGE_NSECTORS } from "./bench-geometry.js";
import { type BenchRow, createRow } from "./bench-row.js";
import type { MutableAddress } from "./chunk-region.js";
import { createStripedPattern } from "./io-pattern.js";
import { ProcessSampler, residentMiB } from "./process-sampler.js";
import type { ServiceFixture } from "./service-fixture.js";

/** Sessions (each on its own context) that submit and never read or acknowledge. */
export const STALLED_NSESSIONS = 16;

/**
 * Depth of each stalled context: 256 reads of 256 KiB want 64 MiB, four times the server's
 * default per-context held-bytes budget, so the byte budgets, not the depth, must stop them.
 */
const STALLED_DEPTH = 256;

/** Commands per session message. */
const STALLED_BATCH = 64;

/** How often the contexts' accounting is sampled while stalled. */
const SAMPLE_INTERVAL_MS = 250;

const MIB = 1024 * 1024;

/**
 * Server memory with `STALLED_NSESSIONS` stalled readers: each session sends a context's whole
 * credit (`STALLED_DEPTH` 256 KiB reads) at once and never reads a message nor acknowledges a
 * completion (its call is paused from the start), on a connection of its own so the unary
 * calls that watch the contexts are not stuck behind them. Measures the server's peak RSS over
 * `seconds` and the most bytes its own accounting held (GetContext held_bytes summed).
 */
export async function measureStalledReaders(
  fixture: ServiceFixture,
  seconds: number,
): Promise<BenchRow> {
  const control = createLnvmClient(fixture.server.address);
  const stalled = createLnvmClient(fixture.server.address, {
    channelOptions: { "grpc.use_local_subchannel_pool": 1 },
  });
  const contexts: ContextHandle[] = [];
  const calls: ClientDuplexStream<SessionRequest, SessionResponse>[] = [];
  const sampler = new ProcessSampler(fixture.server.pid);
  const pattern = createStripedPattern(fixture.readRegion, LARGE_NSECTORS, true);
  const start: MutableAddress = { group: 0, punit: 0, chunk: 0, sector: 0 };
  const readCommand = (tag: bigint): Command => {
    pattern.next(start);
    const { target } = toTarget({ start, count: LARGE_NSECTORS });
    return create(CommandSchema, { tag, op: { case: "read", value: { target } } });
  };
  let maxHeldNbytes = 0n;
  let held = 0;
  let outstanding = 0;
  const rssBeforeMiB = residentMiB(fixture.server.pid);
  try {
    sampler.start();
    for (let i = 0; i < STALLED_NSESSIONS; i++) {
      contexts.push(await control.init({ device: fixture.device, depth: STALLED_DEPTH }));
    }
    let tag = 1n;
    for (const context of contexts) {
      const call = stalled.stubs.contexts.session();
      call.pause();
      call.on("error", () => {});
      calls.push(call);
      call.write(
        create(SessionRequestSchema, {
          open: {
            context: { case: "contextId", value: context.id },
            maxReceiveMessageBytes: DEFAULT_RECEIVE_MESSAGE_BYTES,
          },
        }),
      );
      for (let sent = 0; sent < STALLED_DEPTH; sent += STALLED_BATCH) {
        const commands = Array.from({ length: STALLED_BATCH }, () => readCommand(tag++));
        call.write(create(SessionRequestSchema, { commands }));
      }
    }
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      await sleep(SAMPLE_INTERVAL_MS);
      const infos = await Promise.all(contexts.map((context) => context.info()));
      const heldNbytes = infos.reduce((sum, info) => sum + info.heldBytes, 0n);
      if (heldNbytes > maxHeldNbytes) maxHeldNbytes = heldNbytes;
      held = infos.reduce((sum, info) => sum + info.pending + info.unacknowledged, 0);
      outstanding = infos.reduce((sum, info) => sum + info.outstanding, 0);
    }
    const usage = sampler.stop();
    const nbytes = LARGE_NSECTORS * BENCH_GEOMETRY.nbytes;
    const heldMiB = Number(maxHeldNbytes) / MIB;
    const growthPerHeldByte =
      heldMiB > 0 ? ((usage.rssMiB - rssBeforeMiB) / heldMiB).toFixed(1) : "–";
    return createRow({
      layer: "service-session",
      workload: "stalled",
      qd: STALLED_DEPTH,
      bs: nbytes,
      serverCpuPercent: usage.cpuPercent,
      serverPeakRssMiB: usage.peakRssMiB,
      note: `${STALLED_NSESSIONS} sessions on ${STALLED_NSESSIONS} contexts sent ${STALLED_DEPTH} reads each and never read; server accounting held at most ${heldMiB.toFixed(0)} MiB; at the end ${held} completions held, ${outstanding} outstanding; RSS ${rssBeforeMiB.toFixed(0)} MiB before, ${usage.rssMiB.toFixed(0)} MiB at the end (${growthPerHeldByte}× the bytes held); ${seconds} s`,
    });
  } finally {
    for (const call of calls) call.cancel();
    stalled.close();
    for (const context of contexts) await context.term().catch(() => {});
    control.close();
  }
}
