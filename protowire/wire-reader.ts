/*
 * The protobuf wire format's primitives, for the hand-written decoders of the session's hot
 * messages (the client's responses, the server's requests). Those decoders handle only the
 * messages a running session repeats, and hand anything else to protobuf-es: so every
 * primitive here throws NOT_HOT instead of interpreting an edge case (a truncated or oversized
 * varint, a length past the end), and the caller decodes the whole message with protobuf-es,
 * which gives the answer, or the error, protobuf-es gives.
 */

/** Wire types (the low three bits of a key). */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;

/** The key of field `field` with wire type `wire`. */
export const key = (field: number, wire: number) => (field << 3) | wire;

/** Thrown by a WireReader where a hot-path decoder must give up; never escapes one. */
export const NOT_HOT = new Error("not a hot-path message: decode it with protobuf-es");

export class WireReader {
  at: number;

  constructor(
    readonly bytes: Uint8Array,
    at = 0,
    readonly end = bytes.byteLength,
  ) {
    this.at = at;
  }

  /** A varint below 2^32 (keys, uint32, enums, bools, lengths). */
  varint(): number {
    const b = this.bytes;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.at >= this.end) throw NOT_HOT;
      const byte = b[this.at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (value > 0xffff_ffff) throw NOT_HOT;
        return value;
      }
    }
    throw NOT_HOT;
  }

  /** A uint64 varint (at most 10 bytes, no bits above 64). */
  u64(): bigint {
    const b = this.bytes;
    let low = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (this.at >= this.end) throw NOT_HOT;
      const byte = b[this.at++] as number;
      low |= (byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt(low);
    }
    if (this.at >= this.end) throw NOT_HOT;
    let byte = b[this.at++] as number;
    low = (low | ((byte & 0x0f) << 28)) >>> 0;
    let high = (byte & 0x7f) >> 4;
    if (byte < 0x80) return high === 0 ? BigInt(low) : (BigInt(high) << 32n) | BigInt(low);
    for (let shift = 3; shift < 32; shift += 7) {
      if (this.at >= this.end) throw NOT_HOT;
      byte = b[this.at++] as number;
      // The tenth byte carries bit 63 only.
      if (shift === 31 && byte > 1) throw NOT_HOT;
      high |= (byte & 0x7f) << shift;
      if (byte < 0x80) return (BigInt(high >>> 0) << 32n) | BigInt(low);
    }
    throw NOT_HOT;
  }

  /** A fixed64, little endian. */
  fixed64(): bigint {
    if (this.end - this.at < 8) throw NOT_HOT;
    const b = this.bytes;
    const at = this.at;
    const low =
      ((b[at] as number) |
        ((b[at + 1] as number) << 8) |
        ((b[at + 2] as number) << 16) |
        ((b[at + 3] as number) << 24)) >>>
      0;
    const high =
      ((b[at + 4] as number) |
        ((b[at + 5] as number) << 8) |
        ((b[at + 6] as number) << 16) |
        ((b[at + 7] as number) << 24)) >>>
      0;
    this.at = at + 8;
    return high === 0 ? BigInt(low) : (BigInt(high) << 32n) | BigInt(low);
  }

  /** Reads a length-delimited field's length and moves past its body; returns where the body starts. */
  body(): number {
    const n = this.varint();
    const start = this.at;
    if (n > this.end - start) throw NOT_HOT;
    this.at = start + n;
    return start;
  }
}
