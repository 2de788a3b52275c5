import { isUtf8 } from "node:buffer";
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import type { FieldViolation } from "../errors.js";
import type { RequestLimits } from "./request-limits.js";

/** Protobuf wire types (the low three bits of a tag). */
const VARINT = 0;
const I64 = 1;
const LEN = 2;
const SGROUP = 3;
const EGROUP = 4;
const I32 = 5;
const WIRE_TYPE_NAMES = ["VARINT", "I64", "LEN", "SGROUP", "EGROUP", "I32", "6", "7"];

/** Largest field number protobuf allows (2^29 − 1). */
const MAX_FIELD_NUMBER = 0x1fff_ffff;

/** A field as the scanner needs it: what it may be on the wire and what bounds it. */
interface ScannedField {
  readonly field: DescField;
  /** Index into the per-message occurrence counters. */
  readonly slot: number;
  readonly wireType: number;
  /** A repeated scalar or enum, which may also come packed in one LEN record. */
  readonly packable: boolean;
  readonly repeated: boolean;
  readonly message: DescMessage | undefined;
  readonly isString: boolean;
  readonly isBytes: boolean;
}

const scannedFields = new WeakMap<DescMessage, Map<number, ScannedField>>();

function fieldsOf(desc: DescMessage): Map<number, ScannedField> {
  let fields = scannedFields.get(desc);
  if (fields) return fields;
  fields = new Map();
  desc.fields.forEach((field, slot) => {
    const scalar =
      field.fieldKind === "scalar" || (field.fieldKind === "list" && field.listKind === "scalar")
        ? field.scalar
        : undefined;
    const message =
      field.fieldKind === "message" || (field.fieldKind === "list" && field.listKind === "message")
        ? field.message
        : undefined;
    const repeated = field.fieldKind === "list" || field.fieldKind === "map";
    const delimited =
      (field.fieldKind === "message" ||
        (field.fieldKind === "list" && field.listKind === "message")) &&
      field.delimitedEncoding;
    fields.set(field.number, {
      field,
      slot,
      wireType: delimited
        ? SGROUP
        : message || field.fieldKind === "map"
          ? LEN
          : scalarWireType(scalar),
      packable: field.fieldKind === "list" && message === undefined && !isLenScalar(scalar),
      repeated,
      // Map entries are not descended into: lnvmd's requests have no maps, so the entry count
      // bounds them.
      message: field.fieldKind === "map" ? undefined : message,
      isString: scalar === ScalarType.STRING,
      isBytes: scalar === ScalarType.BYTES,
    });
  });
  scannedFields.set(desc, fields);
  return fields;
}

function isLenScalar(scalar: ScalarType | undefined): boolean {
  return scalar === ScalarType.STRING || scalar === ScalarType.BYTES;
}

/** The wire type of a scalar; enums (`undefined`) are varints. */
function scalarWireType(scalar: ScalarType | undefined): number {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return LEN;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return I64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return I32;
    default:
      return VARINT;
  }
}

/** Where a message sits in the request: `commands[3].write.target`. Built only for a report. */
interface Frame {
  readonly parent: Frame | undefined;
  readonly name: string;
  readonly index: number | undefined;
}

function pathOf(frame: Frame | undefined): string {
  if (!frame) return "";
  const parent = pathOf(frame.parent);
  const own = frame.index === undefined ? frame.name : `${frame.name}[${frame.index}]`;
  return parent === "" ? own : `${parent}.${own}`;
}

function fieldPath(frame: Frame | undefined, name: string): string {
  const at = pathOf(frame);
  return at === "" ? name : `${at}.${name}`;
}

/** Thrown inside the scan to stop at the first violation; never escapes `scanRequest`. */
class ScanStop {
  constructor(readonly violation: FieldViolation) {}
}

interface Scan {
  readonly bytes: Uint8Array;
  readonly limits: RequestLimits;
  readonly root: DescMessage;
  pos: number;
  unknownFields: number;
}

/**
 * Walks the wire format of one request message of type `desc` without decoding it, and returns
 * the first limit it breaks or the first malformation, as a field violation naming the field
 * (`commands[3].read.target.vector.addresses`) and the limit; undefined when the message is
 * well formed and within `limits`.
 *
 * Cost: it stops at the first violation, allocates nothing per scalar or bytes field, and
 * skips payloads in O(1), so a message is scanned in time proportional to the fields the
 * limits allow, whatever its size. Messages that pass decode without errors in protobuf-es.
 */
export function scanRequest(
  bytes: Uint8Array,
  desc: DescMessage,
  limits: RequestLimits,
): FieldViolation | undefined {
  const scan: Scan = { bytes, limits, root: desc, pos: 0, unknownFields: 0 };
  try {
    scanMessage(scan, bytes.length, desc, undefined);
    return undefined;
  } catch (error) {
    if (error instanceof ScanStop) return error.violation;
    throw error;
  }
}

function malformed(scan: Scan, frame: Frame | undefined, at: number, what: string): ScanStop {
  return new ScanStop({
    field: pathOf(frame) || scan.root.typeName,
    description: `malformed at byte ${at}: ${what}`,
  });
}

function readVarint(scan: Scan, end: number, frame: Frame | undefined): number {
  const start = scan.pos;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (scan.pos >= end) throw malformed(scan, frame, start, "varint runs past the end");
    const byte = scan.bytes[scan.pos++] as number;
    if (i < 8) {
      value += (byte & 0x7f) * scale;
      scale *= 128;
    }
    if ((byte & 0x80) === 0) return value;
  }
  throw malformed(scan, frame, start, "varint longer than 10 bytes");
}

function advance(scan: Scan, nbytes: number, end: number, frame: Frame | undefined): void {
  if (nbytes > end - scan.pos) {
    throw malformed(scan, frame, scan.pos, `${nbytes} bytes run past the end (byte ${end})`);
  }
  scan.pos += nbytes;
}

function countUnknown(scan: Scan, frame: Frame | undefined, fieldNo: number, at: number): void {
  scan.unknownFields++;
  if (scan.unknownFields > scan.limits.maxUnknownFields) {
    throw new ScanStop({
      field: pathOf(frame) || scan.root.typeName,
      description: `more than ${scan.limits.maxUnknownFields} fields unknown to this server (field number ${fieldNo} at byte ${at}); at most ${scan.limits.maxUnknownFields} per request`,
    });
  }
}

/** Skips one value of `wireType` (a field this server does not know). */
function skipValue(
  scan: Scan,
  wireType: number,
  fieldNo: number,
  end: number,
  frame: Frame | undefined,
): void {
  switch (wireType) {
    case VARINT:
      readVarint(scan, end, frame);
      return;
    case I64:
      advance(scan, 8, end, frame);
      return;
    case LEN:
      advance(scan, readVarint(scan, end, frame), end, frame);
      return;
    case I32:
      advance(scan, 4, end, frame);
      return;
    case SGROUP:
      for (;;) {
        const at = scan.pos;
        const tag = readVarint(scan, end, frame);
        const innerNo = Math.floor(tag / 8);
        const innerType = tag % 8;
        if (innerType === EGROUP) {
          if (innerNo !== fieldNo) throw malformed(scan, frame, at, "mismatched end of group");
          return;
        }
        countUnknown(scan, frame, innerNo, at);
        skipValue(scan, innerType, innerNo, end, frame);
      }
    default:
      throw malformed(scan, frame, scan.pos, `wire type ${WIRE_TYPE_NAMES[wireType]}`);
  }
}

/** Counts the elements of a packed repeated scalar in [pos, pos + nbytes). */
function packedCount(
  scan: Scan,
  wireType: number,
  nbytes: number,
  frame: Frame | undefined,
): number {
  const start = scan.pos;
  if (wireType === I64 || wireType === I32) {
    const size = wireType === I64 ? 8 : 4;
    if (nbytes % size !== 0) {
      throw malformed(
        scan,
        frame,
        start,
        `packed ${nbytes} bytes are not whole ${size}-byte values`,
      );
    }
    return nbytes / size;
  }
  let count = 0;
  for (let i = start; i < start + nbytes; i++) {
    if (((scan.bytes[i] as number) & 0x80) === 0) count++;
  }
  if (nbytes > 0 && ((scan.bytes[start + nbytes - 1] as number) & 0x80) !== 0) {
    throw malformed(scan, frame, start, "packed varints end inside a varint");
  }
  return count;
}

function scanMessage(scan: Scan, end: number, desc: DescMessage, frame: Frame | undefined): void {
  const fields = fieldsOf(desc);
  const occurrences = new Uint32Array(desc.fields.length);
  const { limits } = scan;
  while (scan.pos < end) {
    const at = scan.pos;
    const tag = readVarint(scan, end, frame);
    const fieldNo = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (fieldNo < 1 || fieldNo > MAX_FIELD_NUMBER) {
      throw malformed(scan, frame, at, `field number ${fieldNo}`);
    }
    const known = fields.get(fieldNo);
    if (!known) {
      if (wireType === EGROUP) throw malformed(scan, frame, at, "end of a group never started");
      countUnknown(scan, frame, fieldNo, at);
      skipValue(scan, wireType, fieldNo, end, frame);
      continue;
    }
    const { field } = known;
    const packed = known.packable && wireType === LEN;
    if (wireType !== known.wireType && !packed) {
      throw new ScanStop({
        field: fieldPath(frame, field.name),
        description: `malformed at byte ${at}: wire type ${WIRE_TYPE_NAMES[wireType]}, expected ${WIRE_TYPE_NAMES[known.wireType]}`,
      });
    }
    const nbytes = wireType === LEN ? readVarint(scan, end, frame) : 0;
    if (wireType === LEN && nbytes > end - scan.pos) {
      throw new ScanStop({
        field: fieldPath(frame, field.name),
        description: `malformed at byte ${at}: length ${nbytes} runs past the end of its message (byte ${end})`,
      });
    }
    const added = packed ? packedCount(scan, known.wireType, nbytes, frame) : 1;
    const count = (occurrences[known.slot] as number) + added;
    occurrences[known.slot] = count;
    if (known.repeated) {
      const limit = limits.maxEntries.get(`${desc.typeName}.${field.name}`);
      const max = limit?.max ?? limits.defaultMaxEntries;
      if (count > max) {
        throw new ScanStop({
          field: fieldPath(frame, field.name),
          description: `more than ${max} entries; at most ${max} ${limit?.why ?? "entries in a repeated field"}`,
        });
      }
    } else if (count > limits.maxSingularOccurrences) {
      throw new ScanStop({
        field: fieldPath(frame, field.name),
        description: `appears more than ${limits.maxSingularOccurrences} times; a singular field appears at most ${limits.maxSingularOccurrences} times`,
      });
    }
    if (known.isString || known.isBytes) {
      const max = known.isString
        ? limits.maxStringNbytes
        : (limits.maxBytesNbytes.get(`${desc.typeName}.${field.name}`) ??
          limits.defaultMaxBytesNbytes);
      if (nbytes > max) {
        throw new ScanStop({
          field: fieldPath(frame, field.name),
          description: `${nbytes} bytes; at most ${max} bytes`,
        });
      }
      if (known.isString && !isUtf8(scan.bytes.subarray(scan.pos, scan.pos + nbytes))) {
        throw new ScanStop({
          field: fieldPath(frame, field.name),
          description: "not valid UTF-8",
        });
      }
    }
    if (known.message && wireType === LEN) {
      const child: Frame = {
        parent: frame,
        name: field.name,
        index: known.repeated ? count - 1 : undefined,
      };
      scanMessage(scan, scan.pos + nbytes, known.message, child);
    } else if (wireType === LEN) {
      scan.pos += nbytes;
    } else if (known.message) {
      // A delimited (group-encoded) message field: lnvmd's API has none, so skip it whole.
      skipValue(scan, SGROUP, fieldNo, end, frame);
    } else {
      skipValue(scan, wireType, fieldNo, end, frame);
    }
  }
  if (scan.pos !== end) throw malformed(scan, frame, scan.pos, "runs past its message");
}
