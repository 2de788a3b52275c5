import { create, toBinary } from "@bufbuild/protobuf";
import test from "ava";
import {
  type SessionRequest,
  SessionRequestSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { type Command, CommandSchema } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { decodeRequest } from "../../service/wire/guard-service-definition.js";
import { RejectedRequest } from "../../service/wire/rejected-request.js";
import { createRequestLimits } from "../../service/wire/request-limits.js";
import { decodeHotSessionRequest } from "../../service/wire/session-request-decoder.js";
import { Prng } from "../helpers/prng.js";

const MAX_DEPTH = 32;
const MAX_COMMAND_BYTES = 8192;
const limits = createRequestLimits({ maxDepth: MAX_DEPTH, maxCommandBytes: MAX_COMMAND_BYTES });

function general(bytes: Uint8Array): SessionRequest | RejectedRequest {
  return decodeRequest<SessionRequest>(bytes, SessionRequestSchema, limits);
}

function u32(prng: Prng): number {
  return prng.pick([0, 1, 127, 128, 0xffff_ffff, prng.uint32() >>> prng.int(32)]);
}

function u64(prng: Prng): bigint {
  return prng.pick([0n, 1n, 128n, 1n << 32n, 1n << 63n, (1n << 64n) - 1n, BigInt(prng.uint32())]);
}

function address(prng: Prng) {
  return prng.chance(0.2)
    ? { form: { case: "raw" as const, value: u64(prng) } }
    : {
        form: {
          case: "sector" as const,
          value: { group: u32(prng), punit: u32(prng), chunk: u32(prng), sector: u32(prng) },
        },
      };
}

function addresses(prng: Prng, max: number) {
  return Array.from({ length: prng.int(max + 1) }, () => address(prng));
}

function target(prng: Prng) {
  return prng.chance(0.5)
    ? {
        mode: {
          case: "vector" as const,
          value: { addresses: addresses(prng, prng.pick([1, 4, 64])) },
        },
      }
    : {
        mode: {
          case: "scalar" as const,
          value: { ...(prng.chance(0.9) ? { start: address(prng) } : {}), sectorCount: u32(prng) },
        },
      };
}

function bytes(prng: Prng, max: number): Uint8Array {
  return new Uint8Array(prng.chance(0.3) ? 0 : prng.int(max) + 1).map(() => prng.int(256));
}

function command(prng: Prng): Command {
  const tag = u64(prng);
  switch (prng.int(5)) {
    case 0:
      return create(CommandSchema, {
        tag,
        op: { case: "read", value: { target: target(prng), withMeta: prng.chance(0.5) } },
      });
    case 1:
      return create(CommandSchema, {
        tag,
        op: {
          case: "write",
          value: { target: target(prng), data: bytes(prng, 5000), meta: bytes(prng, 100) },
        },
      });
    case 2:
      return create(CommandSchema, {
        tag,
        op: { case: "erase", value: { chunks: addresses(prng, prng.pick([1, 4, 64])) } },
      });
    case 3:
      return create(CommandSchema, {
        tag,
        op: {
          case: "copy",
          value: {
            sources: addresses(prng, prng.pick([1, 4, 64])),
            destinations: addresses(prng, prng.pick([1, 4, 64])),
          },
        },
      });
    default:
      return create(CommandSchema, { tag });
  }
}

function request(prng: Prng): SessionRequest {
  return create(SessionRequestSchema, {
    commands: Array.from({ length: prng.int(9) }, () => command(prng)),
    ackThrough: u64(prng),
  });
}

test("the hot decoder gives what the scan and protobuf-es give, for messages within the limits", (t) => {
  const prng = new Prng(21);
  for (let i = 0; i < 100; i++) {
    const wire = toBinary(SessionRequestSchema, request(prng));
    const hot = decodeHotSessionRequest(wire, limits);
    t.not(hot, undefined, `message ${i} is a plain one within the limits`);
    t.deepEqual(hot, general(wire));
  }
});

test("the hot decoder leaves to the general path what is over a limit, unknown, repeated or malformed", (t) => {
  const wire = (message: SessionRequest) => toBinary(SessionRequestSchema, message);
  const read = create(CommandSchema, {
    tag: 1n,
    op: { case: "read", value: { target: { mode: { case: "vector", value: { addresses: [] } } } } },
  });
  const cases: [string, Uint8Array][] = [
    [
      "more commands than the depth limit",
      wire(create(SessionRequestSchema, { commands: Array(MAX_DEPTH + 1).fill(read) })),
    ],
    [
      "65 addresses in a vector",
      wire(
        create(SessionRequestSchema, {
          commands: [
            create(CommandSchema, {
              op: {
                case: "read",
                value: {
                  target: {
                    mode: {
                      case: "vector",
                      value: { addresses: Array(65).fill({ form: { case: "raw", value: 1n } }) },
                    },
                  },
                },
              },
            }),
          ],
        }),
      ),
    ],
    [
      "write data over the command limit",
      wire(
        create(SessionRequestSchema, {
          commands: [
            create(CommandSchema, {
              op: { case: "write", value: { data: new Uint8Array(MAX_COMMAND_BYTES + 1) } },
            }),
          ],
        }),
      ),
    ],
    [
      "open",
      wire(create(SessionRequestSchema, { open: { context: { case: "contextId", value: "x" } } })),
    ],
    [
      "an unknown field",
      new Uint8Array([
        ...wire(create(SessionRequestSchema, { commands: [read] })),
        (9 << 3) | 0,
        1,
      ]),
    ],
    ["ack_through twice", new Uint8Array([(3 << 3) | 0, 1, (3 << 3) | 0, 2])],
    [
      "a truncated command",
      wire(create(SessionRequestSchema, { commands: [read] })).subarray(0, 3),
    ],
    // Command{tag: 1, read{}, write{}}: two operations, where the oneof's last would win.
    [
      "two operations in one command",
      new Uint8Array([(2 << 3) | 2, 6, 8, 1, (2 << 3) | 2, 0, (3 << 3) | 2, 0]),
    ],
    // Command{read{with_meta: 2}}.
    [
      "a bool that is not 0 or 1",
      new Uint8Array([(2 << 3) | 2, 4, (2 << 3) | 2, 2, (2 << 3) | 0, 2]),
    ],
  ];
  for (const [what, bytes] of cases) t.is(decodeHotSessionRequest(bytes, limits), undefined, what);
  // The general path then answers each: a RejectedRequest or the decoded message.
  t.true(general(cases[0]?.[1] as Uint8Array) instanceof RejectedRequest);
  t.true(general(cases[1]?.[1] as Uint8Array) instanceof RejectedRequest);
  t.true(general(cases[2]?.[1] as Uint8Array) instanceof RejectedRequest);
});

test("on mutated bytes the hot decoder either leaves the message to the general path or agrees with it", (t) => {
  const prng = new Prng(23);
  let agreed = 0;
  for (let i = 0; i < 400; i++) {
    const wire = new Uint8Array(toBinary(SessionRequestSchema, request(prng)));
    if (wire.length === 0) continue;
    for (let m = 0, n = 1 + prng.int(3); m < n; m++) wire[prng.int(wire.length)] = prng.int(256);
    const hot = decodeHotSessionRequest(wire, limits);
    if (hot === undefined) continue;
    const expected = general(wire);
    t.false(
      expected instanceof RejectedRequest,
      `mutation ${i}: the hot path accepted what the general path refuses`,
    );
    t.deepEqual(hot, expected);
    agreed++;
  }
  t.true(agreed > 0, "some mutated messages are still plain ones");
});
