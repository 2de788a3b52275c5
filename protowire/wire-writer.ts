/*
 * The protobuf wire format's primitives for the hand-written encoders of the hot messages (the
 * server's completion messages, the client's session requests): sizes first, then one pass of
 * writes into a buffer of exactly that size.
 */

/** Bytes of `value` (an integer in [0, 2^53)) as a varint. */
export function varintSize(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}

/** Bytes of the uint64 `value` as a varint, computed on its 32-bit halves. */
export function u64Size(value: bigint): number {
  if (value < 0x80000000n) return varintSize(Number(value));
  const high = Number(value >> 32n);
  // 32 low bits fill 4 full groups of 7 and 4 bits of the fifth.
  let n = 5;
  for (let rest = Math.floor(high / 8); rest > 0; rest = Math.floor(rest / 0x80)) n++;
  return n;
}

/** Writes into `buffer` from `at` on; the caller sized the buffer. */
export class WireWriter {
  at = 0;

  constructor(readonly buffer: Buffer) {}

  byte(value: number): void {
    this.buffer[this.at++] = value;
  }

  /** `value` (an integer in [0, 2^53)) as a varint. */
  varint(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.at++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.at++] = value;
  }

  /** The uint64 `value` as a varint: two BigInt operations, then 7-bit groups across the halves. */
  u64(value: bigint): void {
    if (value < 0x80000000n) {
      this.varint(Number(value));
      return;
    }
    let low = Number(value & 0xffffffffn);
    let high = Number(value >> 32n);
    for (let i = 0; i < 4; i++) {
      this.buffer[this.at++] = (low & 0x7f) | 0x80;
      low >>>= 7;
    }
    // Fifth group: the last 4 low bits and the first 3 high bits.
    let group = low | ((high & 0x7) << 4);
    high = Math.floor(high / 8);
    while (high > 0) {
      this.buffer[this.at++] = group | 0x80;
      group = high & 0x7f;
      high = Math.floor(high / 0x80);
    }
    this.buffer[this.at++] = group;
  }

  bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.at);
    this.at += bytes.byteLength;
  }
}
