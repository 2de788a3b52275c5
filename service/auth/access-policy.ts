import {
  ANY_DEVICE,
  type Grant,
  type PolicyDocument,
  type Quota,
  type Right,
} from "./policy-file.js";
import type { Principal } from "./principal.js";

/** The chunk a command address lies in. */
export interface ChunkLocation {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
}

function inRange(range: { first: number; last: number } | undefined, index: number): boolean {
  return range === undefined || (index >= range.first && index <= range.last);
}

function covers(grant: Grant, at: ChunkLocation): boolean {
  return (
    inRange(grant.groups, at.group) &&
    inRange(grant.punits, at.punit) &&
    inRange(grant.chunks, at.chunk)
  );
}

/**
 * Who may do what, decided from a policy file's grants, or the open policy of a server without
 * one: every principal may use every device and chunk with every right except admin, and only
 * the anonymous caller of a server requiring no credentials is admin (it is the only caller).
 */
export class AccessPolicy {
  /** The policy of a server without a policy file. */
  static readonly OPEN = new AccessPolicy(undefined);

  readonly #grants: ReadonlyMap<string, readonly Grant[]> | undefined;
  readonly #quotas: ReadonlyMap<string, Quota>;

  private constructor(document: PolicyDocument | undefined) {
    if (!document) {
      this.#grants = undefined;
      this.#quotas = new Map();
      return;
    }
    const grants = new Map<string, Grant[]>();
    for (const grant of document.grants) {
      const list = grants.get(grant.principal) ?? [];
      list.push(grant);
      grants.set(grant.principal, list);
    }
    this.#grants = grants;
    this.#quotas = new Map(document.quotas.map((q) => [q.principal, q]));
  }

  /** The policy a validated policy file describes. */
  static from(document: PolicyDocument): AccessPolicy {
    return new AccessPolicy(document);
  }

  /** Whether this is the open policy (no file): every address check passes. */
  get open(): boolean {
    return this.#grants === undefined;
  }

  /** Whether the policy file names `id` in a grant or a quota (never, for the open policy). */
  names(id: string): boolean {
    return this.#grants?.has(id) === true || this.#quotas.has(id);
  }

  #grantsOn(principal: Principal, device: string): Grant[] {
    const grants = this.#grants?.get(principal.id) ?? [];
    return grants.filter((g) => g.device === device || g.device === ANY_DEVICE);
  }

  /** Whether `principal` may see `device` and create contexts on it: any grant on it. */
  mayUseDevice(principal: Principal, device: string): boolean {
    return this.open || this.#grantsOn(principal, device).length > 0;
  }

  /** Whether `principal` may see and terminate every context on `device`. */
  isAdmin(principal: Principal, device: string): boolean {
    if (this.open) return principal.via === "none";
    return this.#grantsOn(principal, device).some((g) => g.rights.has("admin"));
  }

  /**
   * A test of whether `principal` holds `right` on a chunk of `device`, for checking many
   * addresses against one lookup of the grants.
   */
  chunkCheck(principal: Principal, device: string, right: Right): (at: ChunkLocation) => boolean {
    if (this.open) return () => true;
    const grants = this.#grantsOn(principal, device).filter((g) => g.rights.has(right));
    if (grants.length === 0) return () => false;
    return (at) => grants.some((g) => covers(g, at));
  }

  /** The quota of `principal`, if the policy sets one. */
  quota(principal: Principal): Quota | undefined {
    return this.#quotas.get(principal.id);
  }
}
