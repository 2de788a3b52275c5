/**
 * A small seeded pseudo-random generator (sfc32): the same seed gives the same sequence on
 * every machine, so a fuzz or torture run is reproduced from its seed.
 */
export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.uint32() / 0x1_0000_0000) * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uint32() / 0x1_0000_0000 < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty array");
    return items[this.int(items.length)] as T;
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uint32() & 0xff;
    return out;
  }

  /** A 64-bit value, biased towards the extremes fuzzers find bugs at. */
  extremeUint64(): bigint {
    return this.pick([
      0n,
      1n,
      63n,
      64n,
      65n,
      0x7fn,
      0x80n,
      0xffffn,
      0x7fff_ffffn,
      0x8000_0000n,
      0xffff_ffffn,
      0x1_0000_0000n,
      0x7fff_ffff_ffff_ffffn,
      0xffff_ffff_ffff_ffffn,
      BigInt(this.uint32()),
    ]);
  }
}
