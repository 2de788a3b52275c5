import type { LightnvmLibrary } from "./library.js";

/** Receives the completion of the command in `slot`. */
export type SlotCompletionHandler = (slot: number) => void;

/** Slots per context that a `cb_arg` can address: the low 16 bits. */
export const ROUTER_SLOTS_PER_CONTEXT = 0x10000;

interface Router {
  readonly callback: number;
  readonly handlers: Map<number, SlotCompletionHandler>;
}

const routers = new Map<LightnvmLibrary, Router>();
let nextContextKey = 1;

/**
 * The one long-lived completion callback of a library. Every command's `cb_arg` is a number,
 * `contextKey * 65536 + slot`, so one registered callback routes each completion to its
 * context and slot by tag without a closure per request. The callback runs synchronously
 * inside `nvm_async_poke`/`nvm_async_wait`.
 */
export function routerCallback(library: LightnvmLibrary): number {
  return routerOf(library).callback;
}

/** Registers a context's slot handler; returns the key to build its `cb_arg` values from. */
export function attachContext(library: LightnvmLibrary, handler: SlotCompletionHandler): number {
  const key = nextContextKey++;
  routerOf(library).handlers.set(key, handler);
  return key;
}

/** Removes a context's handler; completions for it are ignored afterwards. */
export function detachContext(library: LightnvmLibrary, key: number): void {
  routerOf(library).handlers.delete(key);
}

function routerOf(library: LightnvmLibrary): Router {
  let router = routers.get(library);
  if (!router) {
    const handlers = new Map<number, SlotCompletionHandler>();
    const callback = library.registerCompletionCallback((_ret, cbArg) => {
      const slot = cbArg % ROUTER_SLOTS_PER_CONTEXT;
      handlers.get((cbArg - slot) / ROUTER_SLOTS_PER_CONTEXT)?.(slot);
    });
    router = { callback, handlers };
    routers.set(library, router);
  }
  return router;
}
