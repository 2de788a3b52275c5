import { fromBinary, toBinary } from "@bufbuild/protobuf";
import type { Address, SectorAddress } from "../../gen/ts/lightnvm/v1/address_pb.js";
import {
  type SessionRequest,
  SessionRequestSchema,
  type SessionResponse,
  SessionResponseSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type {
  Command,
  CommandStatus,
  Completion,
  ScalarTarget,
  Target,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import { FIXED64, key, LEN, NOT_HOT, VARINT, WireReader } from "../../protowire/wire-reader.js";
import { u64Size, varintSize, WireWriter } from "../../protowire/wire-writer.js";

/*
 * Wire format of the session's hot messages, written by hand: protobuf-es's reflective codec
 * costs the client a few microseconds per command and per completion, most of the client's CPU
 * at high queue depth. Only the messages a running session repeats are handled here — requests
 * with commands and an acknowledgement, responses with completions, room and submitted —
 * field numbers as in proto/lightnvm/v1/{async_context,command,address}.proto. Anything else
 * (the `open` request, the `opened` response, a field this code does not know) goes through
 * protobuf-es, so the result is always what protobuf-es would give;
 * `test/clients/session-wire.test.ts` checks both directions against it.
 */

/** A zero-length byte field: protobuf-es's default for absent `bytes`, shared (it has no bytes to change). */
export const NO_BYTES = new Uint8Array(0);

// Sizes. Every value below 2^32 unless it is a bigint.

function lenSize(field: number, nbytes: number): number {
  return varintSize(key(field, LEN)) + varintSize(nbytes) + nbytes;
}

function sectorAddressSize(s: SectorAddress): number {
  let n = 0;
  if (s.group !== 0) n += 1 + varintSize(s.group);
  if (s.punit !== 0) n += 1 + varintSize(s.punit);
  if (s.chunk !== 0) n += 1 + varintSize(s.chunk);
  if (s.sector !== 0) n += 1 + varintSize(s.sector);
  return n;
}

function addressSize(a: Address): number {
  const form = a.form;
  if (form.case === "raw") return 1 + 8;
  if (form.case === "sector") return lenSize(1, sectorAddressSize(form.value));
  return 0;
}

function addressesSize(field: number, addresses: readonly Address[]): number {
  let n = 0;
  for (const a of addresses) n += lenSize(field, addressSize(a));
  return n;
}

function scalarTargetSize(s: ScalarTarget): number {
  let n = s.start ? lenSize(1, addressSize(s.start)) : 0;
  if (s.sectorCount !== 0) n += 1 + varintSize(s.sectorCount);
  return n;
}

function targetSize(t: Target): number {
  const mode = t.mode;
  if (mode.case === "vector") return lenSize(1, addressesSize(1, mode.value.addresses));
  if (mode.case === "scalar") return lenSize(2, scalarTargetSize(mode.value));
  return 0;
}

/** Size of the operation message inside a command (0 for none). */
function opSize(c: Command): number {
  const op = c.op;
  switch (op.case) {
    case "read":
      return (
        (op.value.target ? lenSize(1, targetSize(op.value.target)) : 0) +
        (op.value.withMeta ? 2 : 0)
      );
    case "write": {
      const w = op.value;
      let n = w.target ? lenSize(1, targetSize(w.target)) : 0;
      if (w.data.byteLength > 0) n += lenSize(2, w.data.byteLength);
      if (w.meta.byteLength > 0) n += lenSize(3, w.meta.byteLength);
      return n;
    }
    case "erase":
      return addressesSize(1, op.value.chunks);
    case "copy":
      return addressesSize(1, op.value.sources) + addressesSize(2, op.value.destinations);
    default:
      return 0;
  }
}

const OP_FIELD = { read: 2, write: 3, erase: 4, copy: 5 } as const;

/** Size of a command whose operation message is `opNbytes` long. */
function commandSize(c: Command, opNbytes: number): number {
  let n = c.tag !== 0n ? 1 + u64Size(c.tag) : 0;
  if (c.op.case !== undefined) n += lenSize(OP_FIELD[c.op.case], opNbytes);
  return n;
}

// Writing, into a buffer sized by the functions above.

class Writer extends WireWriter {
  len(field: number, nbytes: number): void {
    this.varint(key(field, LEN));
    this.varint(nbytes);
  }

  uint32Field(field: number, value: number): void {
    if (value === 0) return;
    this.varint(key(field, VARINT));
    this.varint(value);
  }

  address(field: number, a: Address): void {
    this.len(field, addressSize(a));
    const form = a.form;
    if (form.case === "raw") {
      this.varint(key(2, FIXED64));
      this.buffer.writeBigUInt64LE(form.value, this.at);
      this.at += 8;
    } else if (form.case === "sector") {
      const s = form.value;
      this.len(1, sectorAddressSize(s));
      this.uint32Field(1, s.group);
      this.uint32Field(2, s.punit);
      this.uint32Field(3, s.chunk);
      this.uint32Field(4, s.sector);
    }
  }

  addresses(field: number, addresses: readonly Address[]): void {
    for (const a of addresses) this.address(field, a);
  }

  target(field: number, t: Target): void {
    this.len(field, targetSize(t));
    const mode = t.mode;
    if (mode.case === "vector") {
      this.len(1, addressesSize(1, mode.value.addresses));
      this.addresses(1, mode.value.addresses);
    } else if (mode.case === "scalar") {
      const s = mode.value;
      this.len(2, scalarTargetSize(s));
      if (s.start) this.address(1, s.start);
      this.uint32Field(2, s.sectorCount);
    }
  }

  /** Writes `c` as a SessionRequest.commands entry; `opNbytes` is its `opSize`. */
  command(c: Command, opNbytes: number): void {
    this.len(2, commandSize(c, opNbytes));
    if (c.tag !== 0n) {
      this.varint(key(1, VARINT));
      this.u64(c.tag);
    }
    const op = c.op;
    if (op.case === undefined) return;
    this.len(OP_FIELD[op.case], opNbytes);
    switch (op.case) {
      case "read":
        if (op.value.target) this.target(1, op.value.target);
        if (op.value.withMeta) {
          this.varint(key(2, VARINT));
          this.varint(1);
        }
        return;
      case "write": {
        const w = op.value;
        if (w.target) this.target(1, w.target);
        if (w.data.byteLength > 0) {
          this.len(2, w.data.byteLength);
          this.bytes(w.data);
        }
        if (w.meta.byteLength > 0) {
          this.len(3, w.meta.byteLength);
          this.bytes(w.meta);
        }
        return;
      }
      case "erase":
        this.addresses(1, op.value.chunks);
        return;
      case "copy":
        this.addresses(1, op.value.sources);
        this.addresses(2, op.value.destinations);
        return;
    }
  }
}

/** Encodes a SessionRequest; what protobuf-es's `toBinary` would produce. */
export function encodeSessionRequest(message: SessionRequest): Buffer {
  if (message.open !== undefined || message.$unknown !== undefined) {
    const bytes = toBinary(SessionRequestSchema, message);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  // Each operation is sized once; the write pass takes the sizes from here.
  const commands = message.commands;
  const opNbytes = new Array<number>(commands.length);
  let nbytes = 0;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i] as Command;
    const op = opSize(c);
    opNbytes[i] = op;
    nbytes += lenSize(2, commandSize(c, op));
  }
  if (message.ackThrough !== 0n) nbytes += 1 + u64Size(message.ackThrough);
  const w = new Writer(Buffer.allocUnsafe(nbytes));
  for (let i = 0; i < commands.length; i++)
    w.command(commands[i] as Command, opNbytes[i] as number);
  if (message.ackThrough !== 0n) {
    w.varint(key(3, VARINT));
    w.u64(message.ackThrough);
  }
  if (w.at !== nbytes) throw new Error(`session request encoding wrote ${w.at} of ${nbytes} bytes`);
  return w.buffer;
}

// Reading: a field or value the decoder does not expect throws NOT_HOT, and the whole message
// goes to protobuf-es instead.

function decodeStatus(bytes: Uint8Array, start: number, end: number): CommandStatus {
  const r = new WireReader(bytes, start, end);
  let code = 0;
  let sct = 0;
  let sc = 0;
  let name = "";
  while (r.at < end) {
    const k = r.varint();
    if (k === key(1, VARINT)) code = r.varint();
    else if (k === key(2, VARINT)) sct = r.varint();
    else if (k === key(3, VARINT)) sc = r.varint();
    else if (k === key(4, LEN)) {
      const from = r.body();
      name = decodeName(code, bytes, from, r.at);
    } else throw NOT_HOT;
  }
  return { $typeName: "lightnvm.v1.CommandStatus", code, sct, sc, name };
}

/** Status names seen, by code: a name is decoded again only when its bytes differ. */
const names = new Map<number, { bytes: Uint8Array; name: string }>();
const utf8 = new TextDecoder();

function decodeName(code: number, bytes: Uint8Array, start: number, end: number): string {
  const known = names.get(code);
  if (known && known.bytes.byteLength === end - start) {
    let same = true;
    for (let i = start; i < end && same; i++) same = bytes[i] === known.bytes[i - start];
    if (same) return known.name;
  }
  const encoded = bytes.slice(start, end);
  const name = utf8.decode(encoded);
  names.set(code, { bytes: encoded, name });
  return name;
}

function decodeCompletion(bytes: Uint8Array, start: number, end: number): Completion {
  const r = new WireReader(bytes, start, end);
  let tag = 0n;
  let sequence = 0n;
  let opcode = 0;
  let result = 0n;
  let data: Uint8Array = NO_BYTES;
  let meta: Uint8Array = NO_BYTES;
  let deviceLatencyNs = 0n;
  let status: CommandStatus | undefined;
  while (r.at < end) {
    const k = r.varint();
    switch (k) {
      case key(1, VARINT):
        tag = r.u64();
        break;
      case key(2, VARINT):
        sequence = r.u64();
        break;
      case key(3, VARINT):
        opcode = r.varint();
        break;
      case key(4, LEN): {
        if (status !== undefined) throw NOT_HOT; // a repeated message field merges: leave it to protobuf-es
        const from = r.body();
        status = decodeStatus(bytes, from, r.at);
        break;
      }
      case key(5, VARINT):
        result = r.u64();
        break;
      case key(6, LEN): {
        const from = r.body();
        data = bytes.subarray(from, r.at);
        break;
      }
      case key(7, LEN): {
        const from = r.body();
        meta = bytes.subarray(from, r.at);
        break;
      }
      case key(8, VARINT):
        deviceLatencyNs = r.u64();
        break;
      default:
        throw NOT_HOT;
    }
  }
  const completion: Completion = {
    $typeName: "lightnvm.v1.Completion",
    tag,
    sequence,
    opcode,
    result,
    data,
    meta,
    deviceLatencyNs,
  };
  if (status !== undefined) completion.status = status;
  return completion;
}

/** Decodes a SessionResponse; what protobuf-es's `fromBinary` would produce. */
export function decodeSessionResponse(bytes: Buffer): SessionResponse {
  try {
    const r = new WireReader(bytes);
    const completions: Completion[] = [];
    let room = 0;
    let submitted = 0n;
    while (r.at < r.end) {
      const k = r.varint();
      if (k === key(2, LEN)) {
        const from = r.body();
        completions.push(decodeCompletion(bytes, from, r.at));
      } else if (k === key(3, VARINT)) room = r.varint();
      else if (k === key(4, VARINT)) submitted = r.u64();
      else throw NOT_HOT;
    }
    return { $typeName: "lightnvm.v1.SessionResponse", completions, room, submitted };
  } catch (error) {
    if (error !== NOT_HOT) throw error;
    return fromBinary(SessionResponseSchema, bytes);
  }
}
