/**
 * Resolves once the in-process server's `target` (a served context, its admission) has run
 * `method` once more, e.g. a consumer attached or detached, or a batch asked for room, so that a
 * test awaits that moment instead of polling for it. Call it before causing the event; the
 * method is restored after that one call.
 */
export function nextCall<T extends object>(target: T, method: keyof T & string): Promise<void> {
  const methods = target as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[method];
  if (typeof original !== "function") throw new Error(`${method} is not a method`);
  return new Promise((resolve) => {
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        delete methods[method];
        const result = original.apply(target, args);
        resolve();
        return result;
      },
    });
  });
}
