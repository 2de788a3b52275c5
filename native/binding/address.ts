/**
 * OCSSD 2.0 generic addresses (`struct nvm_addr`, 2.0 view `l`): a 64-bit value with the sector
 * in bits 0–31, chunk in 32–47, parallel unit in 48–55 and parallel-unit group in 56–63.
 * The codec works on the two 32-bit halves so that no field loses precision and the hot path
 * writes addresses into native memory without BigInt allocations.
 */
export interface NvmSectorAddress {
  /** Parallel-unit group, 0–255. */
  readonly group: number;
  /** Parallel unit within the group, 0–255. */
  readonly punit: number;
  /** Chunk within the parallel unit, 0–65535. */
  readonly chunk: number;
  /** Sector within the chunk, 0–2^32-1. */
  readonly sector: number;
}

/** Largest value of each field. */
export const ADDRESS_FIELD_MAX = {
  group: 0xff,
  punit: 0xff,
  chunk: 0xffff,
  sector: 0xffffffff,
} as const;

/** Name of the first field of `addr` that does not fit its bit width, or undefined. */
export function addressFieldOutOfRange(addr: NvmSectorAddress): keyof NvmSectorAddress | undefined {
  for (const field of ["group", "punit", "chunk", "sector"] as const) {
    const value = addr[field];
    if (!Number.isInteger(value) || value < 0 || value > ADDRESS_FIELD_MAX[field]) return field;
  }
  return undefined;
}

/** High 32 bits of the packed address: chunk | punit << 16 | group << 24. */
export function addressHigh(addr: NvmSectorAddress): number {
  return (addr.chunk | (addr.punit << 16) | (addr.group << 24)) >>> 0;
}

/** Packs `addr` into its 64-bit generic form. */
export function encodeAddress(addr: NvmSectorAddress): bigint {
  return (BigInt(addressHigh(addr)) << 32n) | BigInt(addr.sector >>> 0);
}

/** Unpacks a 64-bit generic address. */
export function decodeAddress(value: bigint): NvmSectorAddress {
  const v = BigInt.asUintN(64, value);
  const high = Number(v >> 32n);
  return {
    group: high >>> 24,
    punit: (high >>> 16) & 0xff,
    chunk: high & 0xffff,
    sector: Number(v & 0xffffffffn),
  };
}

/** Writes `addr` as a little-endian `struct nvm_addr` at `byteOffset` of `view`. */
export function writeAddress(view: DataView, byteOffset: number, addr: NvmSectorAddress): void {
  view.setUint32(byteOffset, addr.sector >>> 0, true);
  view.setUint32(byteOffset + 4, addressHigh(addr), true);
}

/** Formats `addr` as `group/punit/chunk/sector`. */
export function formatAddress(addr: NvmSectorAddress): string {
  return `${addr.group}/${addr.punit}/${addr.chunk}/${addr.sector}`;
}
