/**
 * A FIFO with amortised O(1) push, indexed reads and batch removal from the front, used for
 * the completions a context holds. It holds at most a context's depth, so it never grows
 * unbounded.
 */
export class PendingQueue<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** The item `index` places from the front. */
  at(index: number): T | undefined {
    return this.#items[this.#head + index];
  }

  /**
   * The items from `offset` on, without removing them: up to `max` while their summed `cost`
   * stays within `budget`; always at least one when any is there.
   */
  peekWhileBudget(
    offset: number,
    budget: number,
    cost: (item: T) => number,
    max = Number.POSITIVE_INFINITY,
  ): T[] {
    const start = this.#head + offset;
    let end = start;
    let spent = 0;
    while (end < this.#items.length && end - start < max) {
      spent += cost(this.#items[end] as T);
      if (spent > budget && end > start) break;
      end++;
    }
    return this.#items.slice(start, end);
  }

  /** Removes and returns up to `max` items from the front. */
  take(max: number): T[] {
    const end = Math.min(this.#items.length, this.#head + Math.max(0, max));
    const batch = this.#items.slice(this.#head, end);
    this.#head = end;
    this.#compact();
    return batch;
  }

  /** Removes and returns items from the front while `predicate` holds. */
  takeWhile(predicate: (item: T) => boolean): T[] {
    let end = this.#head;
    while (end < this.#items.length && predicate(this.#items[end] as T)) end++;
    return this.take(end - this.#head);
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
