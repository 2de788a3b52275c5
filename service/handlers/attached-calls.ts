/** A session or completion stream that shutdown must end. */
export interface AttachedCall {
  /** Ends the call with UNAVAILABLE (SHUTTING_DOWN). */
  endForShutdown(): void;
}

/**
 * The sessions and completion streams open on the server: the one place that tracks them, so
 * shutdown can end each once its completions are delivered.
 */
export class AttachedCalls {
  readonly #calls = new Set<AttachedCall>();

  get size(): number {
    return this.#calls.size;
  }

  add(call: AttachedCall): void {
    this.#calls.add(call);
  }

  delete(call: AttachedCall): void {
    this.#calls.delete(call);
  }

  /** Ends every call with UNAVAILABLE. */
  endAllForShutdown(): void {
    for (const call of [...this.#calls]) call.endForShutdown();
    this.#calls.clear();
  }
}
