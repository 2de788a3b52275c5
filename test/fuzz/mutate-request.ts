import type { Prng } from "../helpers/prng.js";

/** Encodes `value` as a protobuf varint. */
function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return out;
}

/** A field of number `fieldNo` and wire type `wireType` with a short plausible value. */
function field(rng: Prng, fieldNo: number, wireType: number): number[] {
  const tag = varint(BigInt(fieldNo * 8 + wireType));
  switch (wireType) {
    case 0:
      return [...tag, ...varint(rng.extremeUint64())];
    case 1:
      return [...tag, ...rng.bytes(8)];
    case 2: {
      const n = rng.int(8);
      return [...tag, n, ...rng.bytes(n)];
    }
    case 5:
      return [...tag, ...rng.bytes(4)];
    default:
      return [...tag, ...rng.bytes(rng.int(4))];
  }
}

/**
 * A mutation of a well-formed request: one to three edits among bit flips, extreme bytes,
 * truncation, insertion, deletion, duplication (repeated fields), splicing with `other`,
 * appended known or unknown fields, and runs of one field (a small flood).
 */
export function mutateRequest(rng: Prng, seed: Uint8Array, other: Uint8Array): Uint8Array {
  let bytes = [...seed];
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(bytes.length + 1);
    switch (rng.int(10)) {
      case 0:
        if (bytes.length > 0) {
          const i = rng.int(bytes.length);
          bytes[i] = (bytes[i] as number) ^ (1 << rng.int(8));
        }
        break;
      case 1:
        if (bytes.length > 0) bytes[rng.int(bytes.length)] = rng.pick([0x00, 0x7f, 0x80, 0xff]);
        break;
      case 2:
        bytes = bytes.slice(0, at);
        break;
      case 3:
        bytes.splice(at, 0, ...rng.bytes(1 + rng.int(16)));
        break;
      case 4:
        bytes.splice(at, 1 + rng.int(8));
        break;
      case 5: {
        const end = Math.min(bytes.length, at + 1 + rng.int(64));
        const copies = rng.chance(0.1) ? 200 : 1 + rng.int(4);
        const region = bytes.slice(at, end);
        for (let i = 0; i < copies; i++) bytes.splice(end, 0, ...region);
        break;
      }
      case 6:
        bytes = [...bytes.slice(0, at), ...other.subarray(rng.int(other.length + 1))];
        break;
      case 7:
        bytes.push(
          ...field(rng, rng.chance(0.5) ? 1 + rng.int(8) : 1 + rng.int(100_000), rng.int(6)),
        );
        break;
      case 8: {
        const one = field(rng, 1 + rng.int(8), rng.pick([0, 2]));
        const copies = 1 + rng.int(rng.chance(0.1) ? 5000 : 50);
        for (let i = 0; i < copies; i++) bytes.push(...one);
        break;
      }
      default:
        // A length or value replaced by an extreme varint.
        bytes.splice(at, 1, ...varint(rng.extremeUint64()));
    }
  }
  return Uint8Array.from(bytes);
}
