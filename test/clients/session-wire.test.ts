import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import test from "ava";
import { type AddressInput, toAddress, toTarget } from "../../clients/ts/address-input.js";
import {
  copyCommand,
  eraseCommand,
  readCommand,
  writeCommand,
} from "../../clients/ts/command-messages.js";
import { decodeSessionResponse, encodeSessionRequest } from "../../clients/ts/session-wire.js";
import { type Address, AddressSchema } from "../../gen/ts/lightnvm/v1/address_pb.js";
import {
  SessionRequestSchema,
  SessionResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import {
  type Command,
  CommandSchema,
  type Completion,
  CompletionSchema,
  Opcode,
  type Target,
  TargetSchema,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import { Prng } from "../helpers/prng.js";

const U64_MAX = (1n << 64n) - 1n;
const U32_MAX = 0xffff_ffff;

/** An unsigned integer of a random width, edges included, below 2^bits. */
function u32(prng: Prng): number {
  return prng.pick([0, 1, 127, 128, 16383, 16384, U32_MAX, prng.uint32() >>> prng.int(32)]);
}

function u64(prng: Prng): bigint {
  return prng.pick([
    0n,
    1n,
    127n,
    128n,
    (1n << 32n) - 1n,
    1n << 32n,
    1n << 35n,
    1n << 63n,
    U64_MAX,
    (BigInt(prng.uint32()) << 32n) | BigInt(prng.uint32()),
  ]);
}

function bytes(prng: Prng, max: number): Uint8Array {
  const b = new Uint8Array(prng.chance(0.3) ? 0 : prng.int(max) + 1);
  for (let i = 0; i < b.length; i++) b[i] = prng.int(256);
  return b;
}

function addressInput(prng: Prng): AddressInput {
  return prng.chance(0.2)
    ? u64(prng)
    : { group: u32(prng), punit: u32(prng), chunk: u32(prng), sector: u32(prng) };
}

function addresses(prng: Prng, max: number): Address[] {
  return Array.from({ length: prng.int(max + 1) }, () => toAddress(addressInput(prng)));
}

function target(prng: Prng): Target {
  const input = prng.chance(0.5)
    ? Array.from({ length: prng.int(65) }, () => addressInput(prng))
    : { start: addressInput(prng), count: u32(prng) };
  return toTarget(input).target;
}

function command(prng: Prng): Command {
  const tag = u64(prng);
  switch (prng.int(4)) {
    case 0:
      return readCommand(tag, target(prng), prng.chance(0.5));
    case 1:
      return writeCommand(tag, target(prng), bytes(prng, 600), bytes(prng, 300));
    case 2:
      return eraseCommand(tag, addresses(prng, 64));
    default:
      return copyCommand(tag, addresses(prng, 64), addresses(prng, 64));
  }
}

/** `message` as a plain init object, every `$typeName` removed, so `create` builds it anew. */
function initOf(message: unknown): unknown {
  if (Array.isArray(message)) return message.map(initOf);
  if (message === null || typeof message !== "object" || message instanceof Uint8Array)
    return message;
  return Object.fromEntries(
    Object.entries(message)
      .filter(([k]) => k !== "$typeName")
      .map(([k, v]) => [k, initOf(v)]),
  );
}

test("the client's literal messages are the ones protobuf-es's create makes", (t) => {
  const prng = new Prng(7);
  for (let i = 0; i < 200; i++) {
    const input = addressInput(prng);
    t.deepEqual(
      toAddress(input),
      typeof input === "bigint"
        ? create(AddressSchema, { form: { case: "raw", value: input } })
        : create(AddressSchema, { form: { case: "sector", value: input } }),
    );
    const literal = command(prng);
    // biome-ignore lint/suspicious/noExplicitAny: an init object built by initOf
    t.deepEqual(literal, create(CommandSchema, initOf(literal) as any));
    const vector = target(prng);
    // biome-ignore lint/suspicious/noExplicitAny: an init object built by initOf
    t.deepEqual(vector, create(TargetSchema, initOf(vector) as any));
  }
  // An absent write meta is protobuf-es's default: zero bytes.
  t.deepEqual(
    writeCommand(1n, toTarget([0n]).target, new Uint8Array(4)),
    create(CommandSchema, {
      tag: 1n,
      op: {
        case: "write",
        value: {
          target: {
            mode: { case: "vector", value: { addresses: [{ form: { case: "raw", value: 0n } }] } },
          },
          data: new Uint8Array(4),
        },
      },
    }),
  );
});

test("hand-encoded session requests are byte for byte protobuf-es's", (t) => {
  const prng = new Prng(11);
  for (let i = 0; i < 200; i++) {
    const message = create(SessionRequestSchema, {
      commands: Array.from({ length: prng.int(20) }, () => command(prng)),
      ackThrough: u64(prng),
    });
    t.deepEqual(
      new Uint8Array(encodeSessionRequest(message)),
      toBinary(SessionRequestSchema, message),
    );
  }
  // `open` takes protobuf-es's path, with the same result.
  const open = create(SessionRequestSchema, {
    open: { context: { case: "contextId", value: "ctx-1" }, maxReceiveMessageBytes: 4 << 20 },
    ackThrough: 5n,
  });
  t.deepEqual(new Uint8Array(encodeSessionRequest(open)), toBinary(SessionRequestSchema, open));
});

function completion(prng: Prng): Completion {
  const code = prng.pick([0, 0x2f2, 0x287, 0x2d0, u32(prng) & 0x7ff]);
  return create(CompletionSchema, {
    tag: u64(prng),
    sequence: u64(prng),
    opcode: prng.pick([Opcode.READ, Opcode.WRITE, Opcode.ERASE, Opcode.COPY, 0, 77]),
    ...(prng.chance(0.9)
      ? {
          status: {
            code,
            sct: code >> 8,
            sc: code & 0xff,
            name: prng.pick(["SUCCESS", "OUT_OF_ORDER_WRITE", "UNKNOWN", "", "é"]),
          },
        }
      : {}),
    result: u64(prng),
    data: bytes(prng, 600),
    meta: bytes(prng, 300),
    deviceLatencyNs: u64(prng),
  });
}

test("hand-decoded session responses equal protobuf-es's decoding", (t) => {
  const prng = new Prng(13);
  for (let i = 0; i < 200; i++) {
    const message = create(SessionResponseSchema, {
      completions: Array.from({ length: prng.int(20) }, () => completion(prng)),
      room: u32(prng),
      submitted: u64(prng),
    });
    const wire = Buffer.from(toBinary(SessionResponseSchema, message));
    t.deepEqual(decodeSessionResponse(wire), fromBinary(SessionResponseSchema, wire));
  }
});

test("session responses the hand decoder does not know go to protobuf-es: opened, unknown fields, bad bytes", (t) => {
  const opened = Buffer.from(
    toBinary(
      SessionResponseSchema,
      create(SessionResponseSchema, { opened: { id: "ctx-1", depth: 64 }, room: 64 }),
    ),
  );
  t.deepEqual(decodeSessionResponse(opened), fromBinary(SessionResponseSchema, opened));
  t.is(decodeSessionResponse(opened).opened?.id, "ctx-1");

  // Field 9 (unknown to this version) inside a completion, and at the top level.
  const plain = toBinary(
    SessionResponseSchema,
    create(SessionResponseSchema, { completions: [{ tag: 3n, sequence: 1n }], room: 1 }),
  );
  const unknownTop = Buffer.from([...plain, (9 << 3) | 0, 42]);
  t.deepEqual(decodeSessionResponse(unknownTop), fromBinary(SessionResponseSchema, unknownTop));
  const inner = toBinary(CompletionSchema, create(CompletionSchema, { tag: 3n }));
  const withUnknown = new Uint8Array([...inner, (9 << 3) | 0, 42]);
  const unknownInner = Buffer.from([(2 << 3) | 2, withUnknown.length, ...withUnknown]);
  const decoded = decodeSessionResponse(unknownInner);
  t.deepEqual(decoded, fromBinary(SessionResponseSchema, unknownInner));
  t.truthy(decoded.completions[0]?.$unknown, "the unknown field is kept, as protobuf-es keeps it");

  // Truncated bytes fail as protobuf-es fails.
  const truncated = Buffer.from(plain.subarray(0, plain.length - 1));
  t.throws(() => fromBinary(SessionResponseSchema, truncated));
  t.throws(() => decodeSessionResponse(truncated));
});
