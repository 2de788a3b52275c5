import { create } from "@bufbuild/protobuf";
import {
  type AddressInput,
  type Command,
  CommandSchema,
  toAddress,
  toTarget,
} from "../../clients/ts/index.js";

/** A write of `count` sectors from `start` (scalar) carrying `data`. */
export function writeCommand(
  tag: bigint,
  start: AddressInput,
  count: number,
  data: Uint8Array,
): Command {
  return create(CommandSchema, {
    tag,
    op: { case: "write", value: { target: toTarget({ start, count }).target, data } },
  });
}

/** A read of `count` sectors from `start` (scalar). */
export function readCommand(tag: bigint, start: AddressInput, count: number): Command {
  return create(CommandSchema, {
    tag,
    op: { case: "read", value: { target: toTarget({ start, count }).target } },
  });
}

/** A reset of the chunk holding `chunk`. */
export function eraseCommand(tag: bigint, chunk: AddressInput): Command {
  return create(CommandSchema, {
    tag,
    op: { case: "erase", value: { chunks: [toAddress(chunk)] } },
  });
}

/**
 * `n` writes of `wsMin` sectors that all succeed on a fresh device: round-robin over parallel
 * units and chunks, each at its chunk's next write position.
 */
export function freshWrites(
  n: number,
  geometry: { npunit: number; nchunk: number; nbytes: number },
  wsMin: number,
  firstTag = 1n,
): Command[] {
  const data = new Uint8Array(wsMin * geometry.nbytes);
  return Array.from({ length: n }, (_, i) => {
    const punit = i % geometry.npunit;
    const chunk = Math.floor(i / geometry.npunit) % geometry.nchunk;
    const sector = Math.floor(i / (geometry.npunit * geometry.nchunk)) * wsMin;
    return writeCommand(firstTag + BigInt(i), { group: 0, punit, chunk, sector }, wsMin, data);
  });
}
