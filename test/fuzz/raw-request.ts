import type { Prng } from "../helpers/prng.js";

/** Kinds of flood a raw case may be: each makes a naive decoder do a lot for few bytes. */
const FLOODS = [
  "empty-len-fields",
  "huge-length",
  "nested-groups",
  "singular-repeats",
  "long-string",
] as const;
export type FloodKind = (typeof FLOODS)[number];

/** `nbytes` that exercise `kind`. */
export function flood(kind: FloodKind, nbytes: number): Uint8Array {
  const out = new Uint8Array(nbytes);
  switch (kind) {
    case "empty-len-fields":
      // Field 2, length 0, repeated: unknown fields or empty messages by the million.
      for (let i = 0; i + 1 < nbytes; i += 2) out[i] = 0x12;
      return out;
    case "huge-length":
      // Field 1 claims a 2^35-byte payload.
      out.set([0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
      return out;
    case "nested-groups":
      // Start-group of field 1, over and over, never ended.
      out.fill(0x0b);
      return out;
    case "singular-repeats":
      // Field 1 (a varint) repeated: one singular field written millions of times.
      for (let i = 0; i + 1 < nbytes; i += 2) {
        out[i] = 0x08;
        out[i + 1] = 0x01;
      }
      return out;
    case "long-string":
      out.set([0x0a, ...lengthVarint(nbytes - 6)]);
      out.fill(0x61, 6);
      return out.subarray(0, 6 + nbytes - 6);
  }
}

function lengthVarint(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    out.push(((n >>> (7 * i)) & 0x7f) | (i < 4 ? 0x80 : 0));
  }
  return out;
}

/** A flood kind chosen by `rng`. */
export function pickFlood(rng: Prng): FloodKind {
  return rng.pick(FLOODS);
}

/** Random bytes: mostly short, sometimes kilobytes, rarely a quarter MiB. */
export function randomRequest(rng: Prng): Uint8Array {
  const size = rng.chance(0.6)
    ? rng.int(65)
    : rng.chance(0.9)
      ? 64 + rng.int(4096)
      : rng.int(256 * 1024);
  return rng.bytes(size);
}
