import { once } from "node:events";
import type { Writable } from "node:stream";

/**
 * Writes pieces that arrive out of order to `stream` in index order: a piece is held until every
 * piece before it was written. `put` waits for `'drain'` when the stream's buffer is full, so the
 * caller slows down with the output; every `put` waiting at the same time shares one `'drain'`
 * listener (test/cli/ordered-output.test.ts), however many commands are in flight.
 */
export class OrderedOutput {
  readonly #stream: Writable;
  readonly #held = new Map<number, Uint8Array>();
  #next = 0;
  #bytes = 0;
  /** Settles at the stream's next `'drain'`, while its buffer is full; undefined otherwise. */
  #drained: Promise<unknown> | undefined;

  constructor(stream: Writable) {
    this.#stream = stream;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Accepts piece `index`; writes it and any held pieces that follow it once it is next. */
  async put(index: number, data: Uint8Array): Promise<void> {
    this.#held.set(index, data);
    let ok = true;
    for (let piece = this.#held.get(this.#next); piece; piece = this.#held.get(this.#next)) {
      this.#held.delete(this.#next++);
      this.#bytes += piece.length;
      ok = this.#stream.write(piece) && ok;
    }
    if (!ok && this.#drained === undefined) {
      this.#drained = once(this.#stream, "drain").finally(() => {
        this.#drained = undefined;
      });
    }
    await this.#drained;
  }
}
