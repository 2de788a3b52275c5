import type { ServedContext } from "../../service/contexts/served-context.js";
import type { LnvmServer } from "../../service/server.js";

/**
 * The in-process server's context `id`, looked up without a caller: `ContextRegistry.get` asks
 * for the principal it authorizes, which a test reaching into the server does not have.
 */
export function servedContext(server: LnvmServer, id: string): ServedContext {
  const context = server.contexts.list().find((c) => c.id === id);
  if (context === undefined) throw new Error(`no open context ${id}`);
  return context;
}
