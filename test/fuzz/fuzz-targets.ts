import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import {
  AcknowledgeRequestSchema,
  GetContextRequestSchema,
  InitRequestSchema,
  InitResponseSchema,
  ListContextsRequestSchema,
  PokeRequestSchema,
  SessionRequestSchema,
  StreamCompletionsRequestSchema,
  SubmitRequestSchema,
  TermRequestSchema,
  WaitRequestSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import {
  ListClusterDevicesRequestSchema,
  WatchClusterDevicesRequestSchema,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { type Command, CommandSchema } from "../../gen/ts/lightnvm/v1/command_pb.js";
import {
  GetDeviceRequestSchema,
  ListDevicesRequestSchema,
  ReportChunksRequestSchema,
} from "../../gen/ts/lightnvm/v1/device_pb.js";
import { GetStatsRequestSchema } from "../../gen/ts/lightnvm/v1/stats_pb.js";
import type { Prng } from "../helpers/prng.js";
import type { FuzzEnv, FuzzTarget } from "./fuzz-target.js";

const DEVICE_SERVICE = "/lightnvm.v1.DeviceService";
const CONTEXT_SERVICE = "/lightnvm.v1.AsyncContextService";
const STATS_SERVICE = "/lightnvm.v1.StatsService";
const CLUSTER_SERVICE = "/lightnvm.v1.ClusterService";

/** Longest wait for room a structured Submit asks for: the room comes from the Poke target. */
const MAX_SEED_WAIT_FOR_ROOM_MS = 50;

/** A 32-bit field value: mostly plausible, sometimes (`p`) extreme. */
function u32(rng: Prng, plausible: number, p = 0.2): number {
  return rng.chance(p) ? Number(rng.extremeUint64() & 0xffff_ffffn) : plausible;
}

/** A context id: a live one mostly, else a disposable, dead or odd one. */
function contextId(env: FuzzEnv, rng: Prng): string {
  if (rng.chance(0.85)) return rng.pick(env.contexts);
  return rng.pick(["", "x", "00000000-0000-0000-0000-000000000000", "é\u0000", "a".repeat(200)]);
}

function sectorAddress(env: FuzzEnv, rng: Prng, chunkOnly = false): Address {
  if (rng.chance(0.05)) {
    return { $typeName: "lightnvm.v1.Address", form: { case: "raw", value: rng.extremeUint64() } };
  }
  return {
    $typeName: "lightnvm.v1.Address",
    form: {
      case: "sector",
      value: {
        $typeName: "lightnvm.v1.SectorAddress",
        group: u32(rng, 0, 0.03),
        punit: rng.chance(0.03) ? u32(rng, 0) : rng.pick(env.punits),
        chunk: u32(rng, rng.int(env.geometry.nchunk), 0.03),
        sector: chunkOnly
          ? 0
          : u32(rng, rng.int(env.geometry.nsectr / env.wsMin) * env.wsMin, 0.03),
      },
    },
  };
}

/** One command: a read, write, erase or copy within the fuzzed units, with odd values at times. */
function command(env: FuzzEnv, rng: Prng, tag: bigint): Command {
  const count = rng.chance(0.03) ? u32(rng, 65) : env.wsMin * (1 + rng.int(2));
  const vector = () =>
    Array.from({ length: rng.chance(0.02) ? 65 : 1 + rng.int(8) }, () => sectorAddress(env, rng));
  const target = () =>
    rng.chance(0.5)
      ? {
          mode: {
            case: "scalar" as const,
            value: { start: sectorAddress(env, rng), sectorCount: count },
          },
        }
      : { mode: { case: "vector" as const, value: { addresses: vector() } } };
  switch (rng.int(10)) {
    case 0:
    case 1:
    case 2:
      return create(CommandSchema, {
        tag,
        op: { case: "read", value: { target: target(), withMeta: rng.chance(0.3) } },
      });
    case 3:
    case 4:
    case 5: {
      const t = target();
      const n = t.mode.case === "scalar" ? count : t.mode.value.addresses.length;
      const nbytes = Math.min(n, 64) * env.geometry.nbytes + (rng.chance(0.03) ? 1 : 0);
      return create(CommandSchema, {
        tag,
        op: {
          case: "write",
          value: {
            target: t,
            data: new Uint8Array(nbytes),
            meta: rng.chance(0.1) ? new Uint8Array(3) : new Uint8Array(0),
          },
        },
      });
    }
    case 6:
    case 7:
      return create(CommandSchema, {
        tag,
        op: { case: "erase", value: { chunks: [sectorAddress(env, rng, true)] } },
      });
    case 8: {
      const n = 1 + rng.int(4);
      return create(CommandSchema, {
        tag,
        op: {
          case: "copy",
          value: {
            sources: Array.from({ length: n }, () => sectorAddress(env, rng)),
            destinations: Array.from({ length: rng.chance(0.03) ? n + 1 : n }, () =>
              sectorAddress(env, rng),
            ),
          },
        },
      });
    }
    default:
      return rng.chance(0.2) ? create(CommandSchema, { tag }) : command(env, rng, tag);
  }
}

function waitForRoom(rng: Prng) {
  if (rng.chance(0.6)) return {};
  const extreme = rng.chance(0.2);
  return {
    waitForRoom: {
      seconds: extreme ? rng.pick([-1n, 0n]) : 0n,
      nanos: extreme
        ? rng.pick([-1, 999_999_999, 1_000_000_000, 0x7fff_ffff, -0x8000_0000])
        : rng.int(MAX_SEED_WAIT_FOR_ROOM_MS) * 1_000_000,
    },
  };
}

/** A batch of one to four commands within the fuzzed units. */
function commands(env: FuzzEnv, rng: Prng): Command[] {
  return Array.from({ length: rng.chance(0.02) ? 0 : 1 + rng.int(4) }, (_, i) =>
    command(env, rng, rng.chance(0.1) ? rng.extremeUint64() : BigInt(i)),
  );
}

/** Every RPC of the API: DeviceService, AsyncContextService, StatsService, ClusterService. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: "ListDevices",
    path: `${DEVICE_SERVICE}/ListDevices`,
    kind: "unary",
    request: ListDevicesRequestSchema,
    seed: () => [toBinary(ListDevicesRequestSchema, create(ListDevicesRequestSchema))],
  },
  {
    name: "GetDevice",
    path: `${DEVICE_SERVICE}/GetDevice`,
    kind: "unary",
    request: GetDeviceRequestSchema,
    seed: (env, rng) => [
      toBinary(
        GetDeviceRequestSchema,
        create(GetDeviceRequestSchema, {
          name: rng.chance(0.7)
            ? env.device
            : rng.pick(["", "..", "/etc/passwd", "\u0000", "x".repeat(5000)]),
        }),
      ),
    ],
  },
  {
    name: "ReportChunks",
    path: `${DEVICE_SERVICE}/ReportChunks`,
    kind: "server-stream",
    request: ReportChunksRequestSchema,
    seed: (env, rng) => {
      const npu = env.geometry.npugrp * env.geometry.npunit;
      return [
        toBinary(
          ReportChunksRequestSchema,
          create(ReportChunksRequestSchema, {
            device: rng.chance(0.9) ? env.device : "nope",
            states: Array.from({ length: rng.int(4) }, () => u32(rng, rng.pick([1, 2, 4, 8])) | 0),
            puBegin: u32(rng, rng.int(npu)),
            ...(rng.chance(0.5) ? { puEnd: u32(rng, npu) } : {}),
            maxChunksPerMessage: u32(rng, rng.int(64)),
          }),
        ),
      ];
    },
  },
  {
    name: "Init",
    path: `${CONTEXT_SERVICE}/Init`,
    kind: "unary",
    request: InitRequestSchema,
    seed: (env, rng) => [
      toBinary(
        InitRequestSchema,
        create(InitRequestSchema, {
          device: rng.chance(0.9) ? env.device : "",
          depth: rng.chance(0.2)
            ? rng.pick([env.maxDepth, env.maxDepth + 1, 0xffff_ffff])
            : rng.int(16),
          flags: rng.chance(0.9) ? 0 : u32(rng, 1),
        }),
      ),
    ],
    onResponse: (env, response) => {
      const id = fromBinary(InitResponseSchema, response).context?.id;
      if (id) env.disposable.push(id);
    },
  },
  {
    name: "Submit",
    path: `${CONTEXT_SERVICE}/Submit`,
    kind: "unary",
    request: SubmitRequestSchema,
    seed: (env, rng) => [
      toBinary(
        SubmitRequestSchema,
        create(SubmitRequestSchema, {
          contextId: contextId(env, rng),
          commands: commands(env, rng),
          ...waitForRoom(rng),
        }),
      ),
    ],
    mayWait: (request) => {
      try {
        return fromBinary(SubmitRequestSchema, request).waitForRoom !== undefined;
      } catch {
        return false;
      }
    },
  },
  {
    name: "Poke",
    path: `${CONTEXT_SERVICE}/Poke`,
    kind: "unary",
    request: PokeRequestSchema,
    seed: (env, rng) => [
      toBinary(
        PokeRequestSchema,
        create(PokeRequestSchema, { contextId: contextId(env, rng), max: u32(rng, rng.int(64)) }),
      ),
    ],
  },
  {
    name: "Wait",
    path: `${CONTEXT_SERVICE}/Wait`,
    kind: "unary",
    request: WaitRequestSchema,
    seed: (env, rng) => [
      toBinary(WaitRequestSchema, create(WaitRequestSchema, { contextId: contextId(env, rng) })),
    ],
  },
  {
    name: "Term",
    path: `${CONTEXT_SERVICE}/Term`,
    kind: "unary",
    request: TermRequestSchema,
    // Only contexts fuzzed Inits created: the long-lived ones must survive the run.
    seed: (env, rng) => [
      toBinary(
        TermRequestSchema,
        create(TermRequestSchema, {
          contextId:
            env.disposable.pop() ?? rng.pick(["", "gone", "00000000-0000-0000-0000-000000000000"]),
        }),
      ),
    ],
  },
  {
    name: "GetContext",
    path: `${CONTEXT_SERVICE}/GetContext`,
    kind: "unary",
    request: GetContextRequestSchema,
    seed: (env, rng) => [
      toBinary(
        GetContextRequestSchema,
        create(GetContextRequestSchema, { contextId: contextId(env, rng) }),
      ),
    ],
  },
  {
    name: "StreamCompletions",
    path: `${CONTEXT_SERVICE}/StreamCompletions`,
    kind: "server-stream",
    request: StreamCompletionsRequestSchema,
    seed: (env, rng) => [
      toBinary(
        StreamCompletionsRequestSchema,
        create(StreamCompletionsRequestSchema, {
          contextId: contextId(env, rng),
          resumeAfterSequence: rng.chance(0.3) ? rng.extremeUint64() : 0n,
        }),
      ),
    ],
  },
  {
    name: "Acknowledge",
    path: `${CONTEXT_SERVICE}/Acknowledge`,
    kind: "unary",
    request: AcknowledgeRequestSchema,
    seed: (env, rng) => [
      toBinary(
        AcknowledgeRequestSchema,
        create(AcknowledgeRequestSchema, {
          contextId: contextId(env, rng),
          through: rng.chance(0.5) ? BigInt(rng.int(64)) : rng.extremeUint64(),
        }),
      ),
    ],
  },
  {
    name: "ListContexts",
    path: `${CONTEXT_SERVICE}/ListContexts`,
    kind: "unary",
    request: ListContextsRequestSchema,
    seed: (env, rng) => [
      toBinary(
        ListContextsRequestSchema,
        create(ListContextsRequestSchema, {
          device: rng.chance(0.5) ? env.device : rng.pick(["", "\u0000", "x".repeat(5000)]),
        }),
      ),
    ],
  },
  {
    // The bidi RPC: an open, a batch of commands, an acknowledgement, in one call.
    name: "Session",
    path: `${CONTEXT_SERVICE}/Session`,
    kind: "bidi",
    request: SessionRequestSchema,
    seed: (env, rng) => [
      toBinary(
        SessionRequestSchema,
        create(SessionRequestSchema, {
          open: rng.chance(0.8)
            ? { context: { case: "contextId", value: contextId(env, rng) } }
            : { context: { case: "init", value: { device: env.device, depth: rng.int(16) } } },
        }),
      ),
      toBinary(
        SessionRequestSchema,
        create(SessionRequestSchema, { commands: commands(env, rng) }),
      ),
      toBinary(
        SessionRequestSchema,
        create(SessionRequestSchema, {
          ackThrough: rng.chance(0.7) ? BigInt(rng.int(64)) : rng.extremeUint64(),
        }),
      ),
    ],
  },
  {
    name: "GetStats",
    path: `${STATS_SERVICE}/GetStats`,
    kind: "unary",
    request: GetStatsRequestSchema,
    seed: (env, rng) => [
      toBinary(
        GetStatsRequestSchema,
        create(GetStatsRequestSchema, {
          device: rng.chance(0.5) ? env.device : rng.chance(0.5) ? "" : "nope",
          includeChunks: rng.chance(0.5),
        }),
      ),
    ],
  },
  {
    name: "ListClusterDevices",
    path: `${CLUSTER_SERVICE}/ListClusterDevices`,
    kind: "unary",
    request: ListClusterDevicesRequestSchema,
    seed: () => [
      toBinary(ListClusterDevicesRequestSchema, create(ListClusterDevicesRequestSchema)),
    ],
  },
  {
    name: "WatchClusterDevices",
    path: `${CLUSTER_SERVICE}/WatchClusterDevices`,
    kind: "server-stream",
    request: WatchClusterDevicesRequestSchema,
    seed: () => [
      toBinary(WatchClusterDevicesRequestSchema, create(WatchClusterDevicesRequestSchema)),
    ],
  },
];
