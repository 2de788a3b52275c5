import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { auditContext } from "../auth/audit-log.js";
import { checkContextQuota } from "../auth/context-quota.js";
import type { Principal } from "../auth/principal.js";
import type { ServedDevice } from "../devices/served-device.js";
import { contextNotFound, StorageError } from "../errors.js";
import { HeldBytesBudget } from "./held-bytes-budget.js";
import { ServedContext } from "./served-context.js";

/** Limits of the registry. */
export interface ContextLimits {
  /** Most contexts open at once. */
  readonly maxContexts: number;
  /**
   * A context that no call named and no stream held for this long is drained and terminated;
   * 0 disables the lease.
   */
  readonly leaseMs: number;
  /** Bytes one stream message or Poke/Wait response may carry (`completionWireNbytes`). */
  readonly messageNbytes: number;
  /** Most bytes held for one context (buffers of its commands, data of held completions). */
  readonly contextHeldNbytes: number;
  /** Most bytes held for all contexts together. */
  readonly serverHeldNbytes: number;
}

/** Longest interval between two lease sweeps, in milliseconds. */
const MAX_SWEEP_INTERVAL_MS = 5000;

/**
 * The answer to a caller naming a context it may not see: the same whether or not the context
 * exists (AIP-193), so ids cannot be probed.
 */
function notPermitted(id: string, caller: Principal): StorageError {
  return new StorageError(
    ErrorReason.PERMISSION_DENIED,
    `${caller.id} may not use context ${JSON.stringify(id)}, or it does not exist`,
    { metadata: { context_id: id, principal: caller.id } },
  );
}

/**
 * The open contexts, by id, each owned by the principal that created it. Ids are random and
 * never reused. A lease reclaims contexts whose client went away; the sweep timer runs only
 * while contexts exist.
 */
export class ContextRegistry {
  readonly #contexts = new Map<string, ServedContext>();
  /** Owner principal id of each open context. */
  readonly #owners = new Map<string, string>();
  /** Contexts removed from the map whose drain and release have not finished yet. */
  readonly #closing = new Set<Promise<void>>();
  readonly #limits: ContextLimits;
  readonly #log: Logger;
  /** Bytes held for every context together. */
  readonly heldBytes: HeldBytesBudget;
  #accepting = true;
  readonly #shutdown = new AbortController();
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(log: Logger, limits: ContextLimits) {
    this.#log = log;
    this.#limits = limits;
    this.heldBytes = new HeldBytesBudget(limits.serverHeldNbytes);
  }

  /** Whether new contexts, sessions and commands are accepted (false once shutting down). */
  get accepting(): boolean {
    return this.#accepting;
  }

  get size(): number {
    return this.#contexts.size;
  }

  /**
   * Creates a context of `depth` (0 = library default) on `device`, owned by `owner`; refuses
   * with QUOTA_EXCEEDED when it would take the owner past its quota.
   */
  create(device: ServedDevice, depth: number, owner: Principal): ServedContext {
    if (!this.#accepting) {
      throw new StorageError(ErrorReason.SHUTTING_DOWN, "server is shutting down: no new contexts");
    }
    if (this.#contexts.size >= this.#limits.maxContexts) {
      throw new StorageError(
        ErrorReason.TOO_MANY_CONTEXTS,
        `server holds its maximum of ${this.#limits.maxContexts} contexts`,
        { metadata: { max_contexts: String(this.#limits.maxContexts) } },
      );
    }
    checkContextQuota(owner, depth, this.#ownedBy(owner.id));
    let context: ServedContext;
    try {
      context = new ServedContext(randomUUID(), device, depth, {
        messageNbytes: this.#limits.messageNbytes,
        contextHeldNbytes: this.#limits.contextHeldNbytes,
        server: this.heldBytes,
      });
    } catch (error) {
      throw StorageError.from(error);
    }
    this.#contexts.set(context.id, context);
    this.#owners.set(context.id, owner.id);
    this.#startSweeping();
    auditContext(this.#log, "created", {
      principal: owner.id,
      device: device.name,
      contextId: context.id,
    });
    return context;
  }

  /**
   * The context `id`, if `caller` owns it or is admin of its device. Otherwise
   * PERMISSION_DENIED, the same whether or not it exists; only a caller that is admin of every
   * device learns NOT_FOUND (CONTEXT_NOT_FOUND) for an id that does not exist. Naming a context
   * does not renew its lease: only I/O does (submitting, collecting, acknowledging, an attached
   * consumer).
   */
  get(id: string, caller: Principal): ServedContext {
    const context = this.#contexts.get(id);
    if (!context || !this.#mayUse(context, caller)) {
      if (!context && caller.access.isAdminOfEveryDevice(caller)) throw contextNotFound(id);
      throw notPermitted(id, caller);
    }
    return context;
  }

  /** Every open context. */
  list(): ServedContext[] {
    return [...this.#contexts.values()];
  }

  /** The open contexts `caller` may use: those it owns and those on devices it is admin of. */
  visibleTo(caller: Principal): ServedContext[] {
    return this.list().filter((context) => this.#mayUse(context, caller));
  }

  /** The principal id that created context `id`, if it is open. */
  ownerOf(id: string): string | undefined {
    return this.#owners.get(id);
  }

  /**
   * Removes `id` at once (later lookups fail), then drains and terminates it; `caller` must be
   * allowed to `get` it.
   */
  async terminate(id: string, caller: Principal): Promise<void> {
    this.get(id, caller);
    await this.#terminate(id, "Term", caller.id);
  }

  #mayUse(context: ServedContext, caller: Principal): boolean {
    return (
      this.#owners.get(context.id) === caller.id ||
      caller.access.current.isAdmin(caller, context.device.name)
    );
  }

  #ownedBy(owner: string): ServedContext[] {
    const owned: ServedContext[] = [];
    for (const [id, ownerId] of this.#owners) {
      const context = this.#contexts.get(id);
      if (ownerId === owner && context) owned.push(context);
    }
    return owned;
  }

  async #terminate(id: string, cause: "Term" | "lease" | "shutdown", by?: string): Promise<void> {
    const context = this.#contexts.get(id);
    if (!context) throw contextNotFound(id);
    const owner = this.#owners.get(id) ?? "";
    this.#contexts.delete(id);
    this.#owners.delete(id);
    if (this.#contexts.size === 0) this.#stopSweeping();
    const closing = context.close().then((discarded) => {
      if (discarded > 0) {
        this.#log.warn(
          { context: id, discarded },
          "context terminated with unacknowledged completions",
        );
      }
      auditContext(this.#log, "terminated", {
        principal: by ?? owner,
        device: context.device.name,
        contextId: id,
        cause,
      });
    });
    this.#closing.add(closing);
    try {
      await closing;
    } finally {
      this.#closing.delete(closing);
    }
  }

  /** Aborts once the server shuts down: a unary Submit waiting for room stops waiting. */
  get shutdownSignal(): AbortSignal {
    return this.#shutdown.signal;
  }

  /** From now on `create` fails with SHUTTING_DOWN, and so do new sessions and commands. */
  refuseNew(): void {
    this.#accepting = false;
    this.#shutdown.abort();
  }

  /** Terminates every context, and waits for those already terminating (Term, lease). */
  async closeAll(): Promise<void> {
    await Promise.all([
      ...[...this.#contexts.keys()].map((id) => this.#terminate(id, "shutdown")),
      ...this.#closing,
    ]);
  }

  #startSweeping(): void {
    if (this.#sweepTimer || this.#limits.leaseMs <= 0) return;
    const interval = Math.max(
      1,
      Math.min(MAX_SWEEP_INTERVAL_MS, Math.floor(this.#limits.leaseMs / 2)),
    );
    this.#sweepTimer = setInterval(() => this.#sweep(), interval);
    this.#sweepTimer.unref();
  }

  #stopSweeping(): void {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  #sweep(): void {
    const now = Date.now();
    for (const context of this.#contexts.values()) {
      if (context.inUse || now - context.lastActivityMs < this.#limits.leaseMs) continue;
      this.#log.info(
        { context: context.id, leaseMs: this.#limits.leaseMs },
        "lease expired: reclaiming context",
      );
      this.#terminate(context.id, "lease").catch((error: unknown) =>
        this.#log.error({ err: error, context: context.id }, "reclaiming context failed"),
      );
    }
  }
}
