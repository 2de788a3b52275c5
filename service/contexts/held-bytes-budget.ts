/**
 * A byte budget of memory held for clients: buffers of outstanding commands and data of
 * completions not yet acknowledged. One per server (shared by every context) and one per
 * context; a command is admitted only when both have room for its bytes, so a reader that
 * stalls stops admission instead of growing memory.
 */
export class HeldBytesBudget {
  readonly limit: number;
  #used = 0;
  readonly #parent: HeldBytesBudget | undefined;
  readonly #onRelease = new Set<() => void>();

  /** `parent`: a budget (the server's) that every charge here is also charged to. */
  constructor(limit: number, parent?: HeldBytesBudget) {
    this.limit = limit;
    this.#parent = parent;
  }

  get used(): number {
    return this.#used;
  }

  /** Bytes that can be charged now, here and in every parent. */
  get free(): number {
    const own = this.limit - this.#used;
    return this.#parent ? Math.min(own, this.#parent.free) : own;
  }

  charge(nbytes: number): void {
    if (nbytes === 0) return;
    this.#used += nbytes;
    this.#parent?.charge(nbytes);
  }

  release(nbytes: number): void {
    if (nbytes === 0) return;
    this.#used -= nbytes;
    this.#parent?.release(nbytes);
    // Listeners only schedule work (a microtask), so they cannot change the set under this loop.
    if (this.#onRelease.size > 0) for (const listener of this.#onRelease) listener();
  }

  /**
   * Calls `listener` after every release, here or (for a parent) by any child. A listener must
   * not subscribe or unsubscribe synchronously (it may schedule work that does).
   */
  onRelease(listener: () => void): () => void {
    this.#onRelease.add(listener);
    return () => this.#onRelease.delete(listener);
  }
}
