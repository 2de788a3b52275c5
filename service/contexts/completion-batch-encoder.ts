import { toBinary } from "@bufbuild/protobuf";
import { CommandStatusSchema } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { u64Size, varintSize, WireWriter } from "../../protowire/wire-writer.js";
import type { ReapedCompletion } from "./reaped-completion.js";
import { statusMessage } from "./reaped-completion.js";

/*
 * Wire format of lightnvm.v1.StreamCompletionsResponse and SessionResponse, written by hand
 * because it is the server's hot path: protobuf-es's reflective encoder costs ~5 µs per completion, this ~0.3 µs
 * plus one copy of the read data straight from its DMA buffer. Field numbers follow
 * proto/lightnvm/v1/command.proto; proto3 default values are omitted as protobuf requires.
 * `test/service/completion-batch-encoder.test.ts` checks the bytes decode to the same messages
 * that protobuf-es produces.
 */
const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const key = (field: number, wire: number) => (field << 3) | wire;
/** StreamCompletionsResponse.completions. */
const STREAM_COMPLETIONS = key(1, WIRE_LEN);
/** SessionResponse.completions, .room and .submitted. */
const SESSION_COMPLETIONS = key(2, WIRE_LEN);
const SESSION_ROOM = key(3, WIRE_VARINT);
const SESSION_SUBMITTED = key(4, WIRE_VARINT);
const TAG = key(1, WIRE_VARINT);
const SEQUENCE = key(2, WIRE_VARINT);
const OPCODE = key(3, WIRE_VARINT);
const STATUS = key(4, WIRE_LEN);
const RESULT = key(5, WIRE_VARINT);
const DATA = key(6, WIRE_LEN);
const META = key(7, WIRE_LEN);
const LATENCY = key(8, WIRE_VARINT);

const encodedStatuses = new Map<number, Uint8Array>();

function encodedStatus(reaped: ReapedCompletion): Uint8Array {
  let bytes = encodedStatuses.get(reaped.status.code);
  if (!bytes) {
    bytes = toBinary(CommandStatusSchema, statusMessage(reaped.status));
    encodedStatuses.set(reaped.status.code, bytes);
  }
  return bytes;
}

function completionSize(c: ReapedCompletion): number {
  let n = 0;
  if (c.tag !== 0n) n += 1 + u64Size(c.tag);
  if (c.sequence !== 0) n += 1 + varintSize(c.sequence);
  if (c.opcode !== 0) n += 1 + varintSize(c.opcode);
  const status = encodedStatus(c);
  n += 1 + varintSize(status.length) + status.length;
  if (c.result !== 0n) n += 1 + u64Size(c.result);
  if (c.data) n += 1 + varintSize(c.data.nbytes) + c.data.nbytes;
  if (c.meta) n += 1 + varintSize(c.meta.nbytes) + c.meta.nbytes;
  if (c.latencyNs !== 0) n += 1 + varintSize(c.latencyNs);
  return n;
}

/** Where an encoder gets the buffer for a message of exactly `nbytes`. */
export type MessageAllocator = (nbytes: number) => Buffer;

const allocateFresh: MessageAllocator = (nbytes) => Buffer.allocUnsafe(nbytes);

/** Encodes `batch` as one StreamCompletionsResponse message. */
export function encodeCompletionBatch(
  batch: readonly ReapedCompletion[],
  allocate: MessageAllocator = allocateFresh,
): Buffer {
  return encodeCompletions(batch, STREAM_COMPLETIONS, undefined, allocate);
}

/** Encodes `batch` with the context's room and submitted count as one SessionResponse. */
export function encodeSessionResponse(
  batch: readonly ReapedCompletion[],
  room: number,
  submitted: number,
  allocate: MessageAllocator = allocateFresh,
): Buffer {
  return encodeCompletions(batch, SESSION_COMPLETIONS, { room, submitted }, allocate);
}

function encodeCompletions(
  batch: readonly ReapedCompletion[],
  completionsKey: number,
  session: { room: number; submitted: number } | undefined,
  allocate: MessageAllocator,
): Buffer {
  const sizes = new Array<number>(batch.length);
  let total = 0;
  if (session) {
    if (session.room !== 0) total += 1 + varintSize(session.room);
    if (session.submitted !== 0) total += 1 + varintSize(session.submitted);
  }
  for (let i = 0; i < batch.length; i++) {
    const size = completionSize(batch[i] as ReapedCompletion);
    sizes[i] = size;
    total += 1 + varintSize(size) + size;
  }
  const w = new WireWriter(allocate(total));
  if (session) {
    if (session.room !== 0) {
      w.byte(SESSION_ROOM);
      w.varint(session.room);
    }
    if (session.submitted !== 0) {
      w.byte(SESSION_SUBMITTED);
      w.varint(session.submitted);
    }
  }
  for (let i = 0; i < batch.length; i++) {
    const c = batch[i] as ReapedCompletion;
    w.byte(completionsKey);
    w.varint(sizes[i] as number);
    if (c.tag !== 0n) {
      w.byte(TAG);
      w.u64(c.tag);
    }
    if (c.sequence !== 0) {
      w.byte(SEQUENCE);
      w.varint(c.sequence);
    }
    if (c.opcode !== 0) {
      w.byte(OPCODE);
      w.varint(c.opcode);
    }
    const status = encodedStatus(c);
    w.byte(STATUS);
    w.varint(status.length);
    w.bytes(status);
    if (c.result !== 0n) {
      w.byte(RESULT);
      w.u64(c.result);
    }
    if (c.data) {
      w.byte(DATA);
      w.varint(c.data.nbytes);
      w.bytes(c.data.bytes);
    }
    if (c.meta) {
      w.byte(META);
      w.varint(c.meta.nbytes);
      w.bytes(c.meta.bytes);
    }
    if (c.latencyNs !== 0) {
      w.byte(LATENCY);
      w.varint(c.latencyNs);
    }
  }
  return w.buffer;
}

/** Upper bound of a completion's encoded bytes besides its data and meta. */
const COMPLETION_FIELDS_MAX_NBYTES = 96;

/** Upper bound of the bytes of a SessionResponse besides its completions. */
export const SESSION_RESPONSE_FIELDS_MAX_NBYTES = 32;

/** Upper bound of the bytes a completion adds to a completion message or a Poke/Wait response. */
export function completionWireNbytes(c: ReapedCompletion): number {
  return (c.data?.nbytes ?? 0) + (c.meta?.nbytes ?? 0) + COMPLETION_FIELDS_MAX_NBYTES;
}
