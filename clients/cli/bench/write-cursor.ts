import type { BenchChunk } from "./bench-chunk.js";

/** Where one write goes: `count` sectors of `chunk` from `sector` (its write pointer). */
export interface WritePlace {
  readonly chunk: BenchChunk;
  readonly sector: number;
  readonly count: number;
}

/**
 * Walks a list of chunks writing each from its write pointer to its end, then the next, around
 * and around. A chunk reached while full (closed) is reset first, through `reset`, which must
 * wait for the chunk's writes in flight and then erase it. Writes are handed out synchronously
 * in write-pointer order, so issuing them in the order they are taken respects the device's
 * sequential-write rule.
 */
export class WriteCursor {
  readonly #chunks: readonly BenchChunk[];
  readonly #reset: (chunk: BenchChunk) => Promise<void>;
  #index = 0;

  constructor(chunks: readonly BenchChunk[], reset: (chunk: BenchChunk) => Promise<void>) {
    if (chunks.length === 0) throw new RangeError("a write cursor needs at least one chunk");
    this.#chunks = chunks;
    this.#reset = reset;
  }

  /**
   * The next write of at most `nsectors` sectors, or a promise to wait for (a reset) before
   * asking again.
   */
  next(nsectors: number): WritePlace | Promise<void> {
    for (let step = 0; step <= this.#chunks.length; step++) {
      const chunk = this.#chunks[this.#index] as BenchChunk;
      if (chunk.resetting) return chunk.resetting;
      if (!chunk.full) return { chunk, ...chunk.take(nsectors) };
      if (step > 0) return this.#startReset(chunk);
      this.#index = (this.#index + 1) % this.#chunks.length;
    }
    return this.#startReset(this.#chunks[this.#index] as BenchChunk);
  }

  #startReset(chunk: BenchChunk): Promise<void> {
    chunk.resetting = this.#reset(chunk).finally(() => {
      chunk.resetting = undefined;
    });
    return chunk.resetting;
  }
}
