import type { Completion } from "../ts/index.js";
import { succeeded } from "./format-status.js";

/** The outcome of `issueInOrder`. */
export interface IssueResult<T> {
  /** Completion of each item, by index; undefined for items never issued. */
  readonly completions: readonly (Completion | undefined)[];
  /** Index and completion of every item the device completed with an error, in item order. */
  readonly failures: readonly { readonly item: T; readonly completion: Completion }[];
}

/**
 * Issues one command per item, in item order, keeping at most `window` in flight: each slot
 * issues the next item as soon as its previous command completes. On one `ContextHandle` the
 * device sees commands in issue order, so writes to one chunk reach it in item order, which the
 * write-pointer rule needs. After the first failed completion no new command is issued (those
 * in flight still complete). `onComplete` runs for every completion in completion order and may
 * wait (for output backpressure); it delays that slot only.
 */
export async function issueInOrder<T>(
  items: readonly T[],
  window: number,
  issue: (item: T, index: number) => Promise<Completion>,
  onComplete?: (completion: Completion, index: number) => Promise<void> | void,
): Promise<IssueResult<T>> {
  const completions: (Completion | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let failed = false;
  const slot = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      const completion = await issue(items[index] as T, index);
      completions[index] = completion;
      if (!succeeded(completion)) failed = true;
      await onComplete?.(completion, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, items.length)) }, slot));
  const failures = completions.flatMap((completion, index) =>
    completion && !succeeded(completion) ? [{ item: items[index] as T, completion }] : [],
  );
  return { completions, failures };
}
