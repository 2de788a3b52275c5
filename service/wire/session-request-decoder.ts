import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import type { SessionRequest } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type {
  Command,
  CopyCommand,
  EraseCommand,
  ReadCommand,
  ScalarTarget,
  Target,
  WriteCommand,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import { FIXED64, key, LEN, NOT_HOT, VARINT, WireReader } from "../../protowire/wire-reader.js";
import type { RequestLimits } from "./request-limits.js";

/*
 * The server's hot path for SessionRequest: a message of commands and an acknowledgement,
 * decoded by hand in one pass, with the request limits checked on the way — what the wire scan
 * (`scanRequest`) and protobuf-es together cost ~2 µs per command for. It accepts only what is
 * plainly within the limits: every field known, each singular field once, lists and bytes
 * within their maxima, varints in range, no `open`. Anything else returns undefined and the
 * message takes the general path (scan, then protobuf-es), which decodes it or names the
 * violation; so what this returns is always what that path returns.
 * `test/service/session-request-decoder.test.ts` compares the two.
 */

const EMPTY = new Uint8Array(0);

/** The limits this decoder applies, looked up once per limits object. */
interface HotLimits {
  readonly commands: number;
  readonly addresses: number;
  readonly chunks: number;
  readonly sources: number;
  readonly destinations: number;
  readonly data: number;
  readonly meta: number;
}

const hotLimits = new WeakMap<RequestLimits, HotLimits>();

function limitsOf(limits: RequestLimits): HotLimits {
  let hot = hotLimits.get(limits);
  if (hot) return hot;
  const entries = (field: string) =>
    limits.maxEntries.get(`lightnvm.v1.${field}`)?.max ?? limits.defaultMaxEntries;
  const nbytes = (field: string) =>
    limits.maxBytesNbytes.get(`lightnvm.v1.${field}`) ?? limits.defaultMaxBytesNbytes;
  hot = {
    commands: entries("SessionRequest.commands"),
    addresses: entries("VectorTarget.addresses"),
    chunks: entries("EraseCommand.chunks"),
    sources: entries("CopyCommand.sources"),
    destinations: entries("CopyCommand.destinations"),
    data: nbytes("WriteCommand.data"),
    meta: nbytes("WriteCommand.meta"),
  };
  hotLimits.set(limits, hot);
  return hot;
}

/** Bit of a singular field seen in the message being decoded; a repeat gives up. */
function once(seen: number, field: number): number {
  const bit = 1 << field;
  if (seen & bit) throw NOT_HOT;
  return seen | bit;
}

/** Reads a length-delimited field's length and puts r at its body; returns the body's end. */
function enter(r: WireReader): number {
  const from = r.body();
  const end = r.at;
  r.at = from;
  return end;
}

/** Checks that a nested message's fields ended exactly at its end. */
function leave(r: WireReader, end: number): void {
  if (r.at !== end) throw NOT_HOT;
}

function address(r: WireReader, end: number): Address {
  let result: Address | undefined;
  while (r.at < end) {
    const k = r.varint();
    if (result !== undefined) throw NOT_HOT; // a second form: the oneof's last would win
    if (k === key(2, FIXED64)) {
      result = { $typeName: "lightnvm.v1.Address", form: { case: "raw", value: r.fixed64() } };
    } else if (k === key(1, LEN)) {
      const sectorEnd = enter(r);
      let group = 0;
      let punit = 0;
      let chunk = 0;
      let sector = 0;
      let seen = 0;
      while (r.at < sectorEnd) {
        const f = r.varint();
        if (f === key(1, VARINT)) {
          seen = once(seen, 1);
          group = r.varint();
        } else if (f === key(2, VARINT)) {
          seen = once(seen, 2);
          punit = r.varint();
        } else if (f === key(3, VARINT)) {
          seen = once(seen, 3);
          chunk = r.varint();
        } else if (f === key(4, VARINT)) {
          seen = once(seen, 4);
          sector = r.varint();
        } else throw NOT_HOT;
      }
      leave(r, sectorEnd);
      result = {
        $typeName: "lightnvm.v1.Address",
        form: {
          case: "sector",
          value: { $typeName: "lightnvm.v1.SectorAddress", group, punit, chunk, sector },
        },
      };
    } else throw NOT_HOT;
  }
  leave(r, end);
  return result ?? { $typeName: "lightnvm.v1.Address", form: { case: undefined } };
}

/** Appends the address whose field body starts at r to `list`, within `max` entries. */
function pushAddress(r: WireReader, list: Address[], max: number): void {
  if (list.length >= max) throw NOT_HOT;
  list.push(address(r, enter(r)));
}

function vectorTarget(r: WireReader, end: number, max: number): Target {
  const addresses: Address[] = [];
  while (r.at < end) {
    if (r.varint() !== key(1, LEN)) throw NOT_HOT;
    pushAddress(r, addresses, max);
  }
  leave(r, end);
  return {
    $typeName: "lightnvm.v1.Target",
    mode: { case: "vector", value: { $typeName: "lightnvm.v1.VectorTarget", addresses } },
  };
}

function scalarTarget(r: WireReader, end: number): Target {
  const scalar: ScalarTarget = { $typeName: "lightnvm.v1.ScalarTarget", sectorCount: 0 };
  let seen = 0;
  while (r.at < end) {
    const f = r.varint();
    if (f === key(1, LEN)) {
      seen = once(seen, 1);
      scalar.start = address(r, enter(r));
    } else if (f === key(2, VARINT)) {
      seen = once(seen, 2);
      scalar.sectorCount = r.varint();
    } else throw NOT_HOT;
  }
  leave(r, end);
  return { $typeName: "lightnvm.v1.Target", mode: { case: "scalar", value: scalar } };
}

function target(r: WireReader, end: number, max: number): Target {
  let result: Target | undefined;
  while (r.at < end) {
    const k = r.varint();
    if (result !== undefined) throw NOT_HOT;
    if (k === key(1, LEN)) result = vectorTarget(r, enter(r), max);
    else if (k === key(2, LEN)) result = scalarTarget(r, enter(r));
    else throw NOT_HOT;
  }
  leave(r, end);
  return result ?? { $typeName: "lightnvm.v1.Target", mode: { case: undefined } };
}

function readCommand(r: WireReader, end: number, hot: HotLimits): ReadCommand {
  const read: ReadCommand = { $typeName: "lightnvm.v1.ReadCommand", withMeta: false };
  let seen = 0;
  while (r.at < end) {
    const f = r.varint();
    if (f === key(1, LEN)) {
      seen = once(seen, 1);
      read.target = target(r, enter(r), hot.addresses);
    } else if (f === key(2, VARINT)) {
      seen = once(seen, 2);
      const v = r.varint();
      if (v > 1) throw NOT_HOT;
      read.withMeta = v === 1;
    } else throw NOT_HOT;
  }
  leave(r, end);
  return read;
}

function writeCommand(r: WireReader, end: number, hot: HotLimits): WriteCommand {
  const write: WriteCommand = { $typeName: "lightnvm.v1.WriteCommand", data: EMPTY, meta: EMPTY };
  let seen = 0;
  while (r.at < end) {
    const f = r.varint();
    if (f === key(1, LEN)) {
      seen = once(seen, 1);
      write.target = target(r, enter(r), hot.addresses);
    } else if (f === key(2, LEN)) {
      seen = once(seen, 2);
      const from = r.body();
      if (r.at - from > hot.data) throw NOT_HOT;
      write.data = r.bytes.subarray(from, r.at);
    } else if (f === key(3, LEN)) {
      seen = once(seen, 3);
      const from = r.body();
      if (r.at - from > hot.meta) throw NOT_HOT;
      write.meta = r.bytes.subarray(from, r.at);
    } else throw NOT_HOT;
  }
  leave(r, end);
  return write;
}

function eraseCommand(r: WireReader, end: number, hot: HotLimits): EraseCommand {
  const erase: EraseCommand = { $typeName: "lightnvm.v1.EraseCommand", chunks: [] };
  while (r.at < end) {
    if (r.varint() !== key(1, LEN)) throw NOT_HOT;
    pushAddress(r, erase.chunks, hot.chunks);
  }
  leave(r, end);
  return erase;
}

function copyCommand(r: WireReader, end: number, hot: HotLimits): CopyCommand {
  const copy: CopyCommand = { $typeName: "lightnvm.v1.CopyCommand", sources: [], destinations: [] };
  while (r.at < end) {
    const f = r.varint();
    if (f === key(1, LEN)) pushAddress(r, copy.sources, hot.sources);
    else if (f === key(2, LEN)) pushAddress(r, copy.destinations, hot.destinations);
    else throw NOT_HOT;
  }
  leave(r, end);
  return copy;
}

function command(r: WireReader, end: number, hot: HotLimits): Command {
  let tag = 0n;
  let op: Command["op"] = { case: undefined };
  let seen = 0;
  while (r.at < end) {
    const k = r.varint();
    if (k === key(1, VARINT)) {
      seen = once(seen, 1);
      tag = r.u64();
      continue;
    }
    // One operation per command: a second one (the oneof's last would win) gives up.
    seen = once(seen, 2);
    if (k === key(2, LEN)) op = { case: "read", value: readCommand(r, enter(r), hot) };
    else if (k === key(3, LEN)) op = { case: "write", value: writeCommand(r, enter(r), hot) };
    else if (k === key(4, LEN)) op = { case: "erase", value: eraseCommand(r, enter(r), hot) };
    else if (k === key(5, LEN)) op = { case: "copy", value: copyCommand(r, enter(r), hot) };
    else throw NOT_HOT;
  }
  leave(r, end);
  return { $typeName: "lightnvm.v1.Command", tag, op };
}

/**
 * The SessionRequest in `bytes` if it is a plain message of commands and an acknowledgement
 * within `limits`, else undefined (decode it the general way).
 */
export function decodeHotSessionRequest(
  bytes: Uint8Array,
  limits: RequestLimits,
): SessionRequest | undefined {
  const hot = limitsOf(limits);
  try {
    const r = new WireReader(bytes);
    const commands: Command[] = [];
    let ackThrough = 0n;
    let seen = 0;
    while (r.at < r.end) {
      const k = r.varint();
      if (k === key(2, LEN)) {
        if (commands.length >= hot.commands) return undefined;
        commands.push(command(r, enter(r), hot));
      } else if (k === key(3, VARINT)) {
        seen = once(seen, 3);
        ackThrough = r.u64();
      } else return undefined;
    }
    return { $typeName: "lightnvm.v1.SessionRequest", commands, ackThrough };
  } catch (error) {
    if (error === NOT_HOT) return undefined;
    throw error;
  }
}
