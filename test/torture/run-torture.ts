import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { credentials } from "@grpc/grpc-js";
import { createLnvmClient, toAddress, toTarget } from "../../clients/ts/index.js";
import { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import { type Command, CommandSchema } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { createModelImage, type ModelImageOptions } from "../../native/binding/index.js";
import { type ServerProcess, startRunnerServer } from "../helpers/lnvmd-process.js";
import { Prng } from "../helpers/prng.js";
import { fillPattern } from "../helpers/temp-device.js";
import { ChunkModel } from "./chunk-model.js";
import { UnaryContext } from "./unary-context.js";

/**
 * The tortured device: 32 chunks of 64 sectors. `mw_cunits` 0 makes every written sector
 * readable at once, so every acknowledged write can be read back.
 */
export const TORTURE_GEOMETRY = {
  npugrp: 1,
  npunit: 4,
  nchunk: 8,
  nsectr: 64,
  nbytes: 4096,
  nbytesOob: 16,
  wsMin: 4,
  wsOpt: 8,
  mwCunits: 0,
  mccap: 0x3,
} as const satisfies ModelImageOptions;

const CONTEXTS = 3;
/** Commands each context keeps in flight, each on a chunk of its own. */
const LANES_PER_CONTEXT = 4;
const DEPTH = 32;
/** Sectors per verifying read. */
const READ_SECTORS = 16;
/** Acknowledged commands before a kill: a random number in [MIN, MAX). */
const MIN_ACKS_BEFORE_KILL = 10;
const MAX_ACKS_BEFORE_KILL = 120;

/** Options of one torture run. */
export interface TortureOptions {
  readonly cycles: number;
  readonly seed: number;
  readonly log?: (line: string) => void;
}

/** What a run found. */
export interface TortureReport {
  readonly seed: number;
  readonly cycles: number;
  /** Commands acknowledged over all cycles, by kind. */
  readonly acknowledged: { writes: number; resets: number; copies: number };
  /** Changes in flight at a kill that turned out to have happened / not happened. */
  readonly inFlightAtKill: { happened: number; lost: number };
  readonly sectorsVerified: number;
  /** Everything that broke a rule: empty when the run passed. */
  readonly problems: readonly string[];
}

/**
 * Crash torture: runs mixed I/O (writes, resets, copies) from several contexts through the
 * unary API (Submit and Poke) against a real server process, SIGKILLs it after a random number
 * of acknowledged commands, restarts it on the same image and checks every chunk: its write
 * pointer is the end of its last acknowledged write or of the change in flight, every sector
 * below it reads back byte for byte as acknowledged (so nothing unwritten or stale shows), and
 * the sector at the write pointer reads as unwritten, zero bytes (a reset chunk shows no old
 * data). Chunks fill up and are reset once CLOSED, so resets, reused chunks and copies into them
 * recur every few cycles.
 */
export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  const log = options.log ?? (() => {});
  const rng = new Prng(options.seed);
  const g = TORTURE_GEOMETRY;
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-torture-"));
  const image = join(dir, "torture.img");
  await createModelImage(image, g);
  const chunks: ChunkModel[] = [];
  for (let punit = 0; punit < g.npunit; punit++) {
    for (let chunk = 0; chunk < g.nchunk; chunk++) {
      chunks.push(new ChunkModel(0, punit, chunk, g.nsectr, g.nbytes));
    }
  }
  const acknowledged = { writes: 0, resets: 0, copies: 0 };
  const inFlightAtKill = { happened: 0, lost: 0 };
  const problems: string[] = [];
  let sectorsVerified = 0;
  let server: ServerProcess | undefined;
  try {
    server = await startRunnerServer(["--device", image, "--log-level", "warn"]);
    for (let cycle = 0; cycle < options.cycles && problems.length === 0; cycle++) {
      const acks = await tortureCycle(server, chunks, rng, acknowledged, problems);
      await server.kill();
      const pending = chunks.filter((c) => c.pending).length;
      server = await startRunnerServer(["--device", image, "--log-level", "warn"]);
      const verified = await verifyChunks(server.address, chunks, problems);
      sectorsVerified += verified.sectors;
      inFlightAtKill.happened += verified.happened;
      inFlightAtKill.lost += pending - verified.happened;
      log(
        `cycle ${cycle + 1}/${options.cycles}: killed after ${acks} acknowledged commands, ${pending} in flight (${verified.happened} happened); ${verified.sectors} sectors verified`,
      );
    }
  } finally {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    seed: options.seed,
    cycles: options.cycles,
    acknowledged,
    inFlightAtKill,
    sectorsVerified,
    problems,
  };
}

function address(chunk: ChunkModel, sector: number) {
  return { group: chunk.group, punit: chunk.punit, chunk: chunk.chunk, sector };
}

/** A command that changes `chunk`, and the change it makes; undefined when nothing fits. */
function pickChange(
  chunks: readonly ChunkModel[],
  chunk: ChunkModel,
  rng: Prng,
  seed: number,
): { command: Command; kind: "writes" | "resets" | "copies"; source?: ChunkModel } | undefined {
  const g = TORTURE_GEOMETRY;
  const room = g.nsectr - chunk.ackedEnd;
  // OCSSD 2.0 resets only CLOSED chunks (an OPEN one answers 0x2C1, invalid reset).
  if (room === 0) {
    chunk.pending = { kind: "reset" };
    return {
      command: create(CommandSchema, {
        op: { case: "erase", value: { chunks: [toAddress(address(chunk, 0))] } },
      }),
      kind: "resets",
    };
  }
  const count = Math.min(room, g.wsMin * (1 + rng.int(4)));
  const sources = chunks.filter((c) => c !== chunk && !c.busy && c.ackedEnd >= count);
  if (sources.length > 0 && rng.chance(0.2)) {
    const source = rng.pick(sources);
    const from = rng.int(source.ackedEnd - count + 1);
    chunk.pending = {
      kind: "write",
      start: chunk.ackedEnd,
      data: source.sectors(from, from + count).slice(),
    };
    source.reserved = true;
    return {
      command: create(CommandSchema, {
        op: {
          case: "copy",
          value: {
            sources: Array.from({ length: count }, (_, i) => toAddress(address(source, from + i))),
            destinations: Array.from({ length: count }, (_, i) =>
              toAddress(address(chunk, chunk.ackedEnd + i)),
            ),
          },
        },
      }),
      kind: "copies",
      source,
    };
  }
  const data = new Uint8Array(count * g.nbytes);
  fillPattern(data, seed);
  chunk.pending = { kind: "write", start: chunk.ackedEnd, data };
  return {
    command: create(CommandSchema, {
      op: {
        case: "write",
        value: { target: toTarget({ start: address(chunk, chunk.ackedEnd), count }).target, data },
      },
    }),
    kind: "writes",
  };
}

/** Runs mixed I/O until a random number of acknowledgements, then returns (the caller kills). */
async function tortureCycle(
  server: ServerProcess,
  chunks: readonly ChunkModel[],
  rng: Prng,
  acknowledged: TortureReport["acknowledged"],
  problems: string[],
): Promise<number> {
  const client = new AsyncContextServiceClient(server.address, credentials.createInsecure());
  const target = MIN_ACKS_BEFORE_KILL + rng.int(MAX_ACKS_BEFORE_KILL - MIN_ACKS_BEFORE_KILL);
  let acks = 0;
  let killing = false;
  const contexts = await Promise.all(
    Array.from({ length: CONTEXTS }, () => UnaryContext.init(client, "torture.img", DEPTH)),
  );
  const lane = async (context: UnaryContext) => {
    while (!killing) {
      const free = chunks.filter((c) => !c.busy);
      if (free.length === 0) return;
      const chunk = rng.pick(free);
      const change = pickChange(chunks, chunk, rng, rng.uint32());
      if (!change) return;
      let completion: Awaited<ReturnType<UnaryContext["run"]>>[number] | undefined;
      try {
        [completion] = await context.run([change.command]);
      } catch {
        // The server is gone (killed): the change stays pending, it may have happened.
        return;
      }
      if (change.source) change.source.reserved = false;
      if (completion?.status?.name !== "SUCCESS") {
        problems.push(
          `${change.kind.slice(0, -1)} on chunk ${chunk.name} failed: ${completion?.status?.name}`,
        );
        chunk.refuse();
        return;
      }
      chunk.acknowledge();
      acknowledged[change.kind]++;
      acks++;
      if (acks >= target && !killing) {
        killing = true;
        // SIGKILL at once, while the other lanes' commands are in flight.
        void server.kill();
      }
    }
  };
  await Promise.all(
    contexts.flatMap((context) => Array.from({ length: LANES_PER_CONTEXT }, () => lane(context))),
  );
  for (const chunk of chunks) if (!chunk.pending) chunk.reserved = false;
  client.close();
  return acks;
}

/** Reconciles and reads back every chunk after a restart; returns sectors read and changes found done. */
async function verifyChunks(
  address_: string,
  chunks: readonly ChunkModel[],
  problems: string[],
): Promise<{ sectors: number; happened: number }> {
  const g = TORTURE_GEOMETRY;
  const lnvm = createLnvmClient(address_);
  const client = new AsyncContextServiceClient(address_, credentials.createInsecure());
  let sectors = 0;
  let happened = 0;
  try {
    const reported = new Map<string, { wp: number; state: number }>();
    for await (const c of lnvm.reportChunks("torture.img")) {
      reported.set(`${c.group}/${c.punit}/${c.chunk}`, {
        wp: Number(c.writePointer),
        state: c.state,
      });
    }
    const context = await UnaryContext.init(client, "torture.img", DEPTH);
    for (const chunk of chunks) {
      const report = reported.get(chunk.name);
      if (!report) {
        problems.push(`chunk ${chunk.name} missing from the report`);
        continue;
      }
      const outcome = chunk.reconcile(report.wp);
      if (outcome.problem) {
        problems.push(outcome.problem);
        continue;
      }
      if (outcome.happened) happened++;
      const reads: Command[] = [];
      for (let s = 0; s < report.wp; s += READ_SECTORS) {
        const count = Math.min(READ_SECTORS, report.wp - s);
        reads.push(
          create(CommandSchema, {
            op: {
              case: "read",
              value: { target: toTarget({ start: address(chunk, s), count }).target },
            },
          }),
        );
      }
      if (report.wp < g.nsectr) {
        reads.push(
          create(CommandSchema, {
            op: {
              case: "read",
              value: { target: toTarget({ start: address(chunk, report.wp), count: 1 }).target },
            },
          }),
        );
      }
      const completions = await context.run(reads);
      for (let i = 0; i < completions.length; i++) {
        const s = i * READ_SECTORS;
        const completion = completions[i];
        if (s >= report.wp) {
          // Unwritten: the deallocated pattern (zero bytes), or an error with DULBE on.
          if (completion?.status?.name === "SUCCESS" && completion.data.some((b) => b !== 0)) {
            problems.push(
              `chunk ${chunk.name}: sector ${report.wp} at the write pointer shows data`,
            );
          }
          continue;
        }
        const count = Math.min(READ_SECTORS, report.wp - s);
        const expected = chunk.sectors(s, s + count);
        if (
          completion?.status?.name !== "SUCCESS" ||
          !Buffer.from(completion.data).equals(expected)
        ) {
          problems.push(
            `chunk ${chunk.name} sectors ${s}..${s + count - 1}: ${completion?.status?.name}, data differs from the acknowledged writes`,
          );
        }
        sectors += count;
      }
    }
    await context.term();
  } finally {
    lnvm.close();
    client.close();
  }
  return { sectors, happened };
}
