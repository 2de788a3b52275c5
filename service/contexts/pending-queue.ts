/**
 * A FIFO with amortised O(1) push and batch removal from the front, used for completions
 * waiting to be delivered. It holds at most a context's depth, so it never grows unbounded.
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

  /** Removes and returns up to `max` items from the front. */
  take(max: number): T[] {
    const end = Math.min(this.#items.length, this.#head + Math.max(0, max));
    const batch = this.#items.slice(this.#head, end);
    this.#head = end;
    this.#compact();
    return batch;
  }

  /**
   * Removes up to `max` items from the front while their summed `cost` stays within `budget`;
   * always at least one item when not empty.
   */
  takeWhileBudget(budget: number, cost: (item: T) => number, max = Number.POSITIVE_INFINITY): T[] {
    let end = this.#head;
    let spent = 0;
    while (end < this.#items.length && end - this.#head < max) {
      spent += cost(this.#items[end] as T);
      if (spent > budget && end > this.#head) break;
      end++;
    }
    return this.take(end - this.#head);
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
