import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { StorageError } from "../errors.js";
import type { Principal } from "./principal.js";

function exceeded(owner: Principal, quota: string, limit: number, description: string) {
  return new StorageError(ErrorReason.QUOTA_EXCEEDED, `${owner.id}: ${description}`, {
    metadata: { principal: owner.id, quota, limit: String(limit) },
    quotaViolations: [{ subject: `principal:${owner.id}`, description }],
  });
}

/**
 * Refuses a new context of `depth` for `owner`, who already holds `open`, when that would take
 * it past its policy quota: most contexts, or most depth summed over its contexts.
 * QUOTA_EXCEEDED (RESOURCE_EXHAUSTED) with a google.rpc.QuotaFailure.
 */
export function checkContextQuota(
  owner: Principal,
  depth: number,
  open: readonly { readonly depth: number }[],
): void {
  const quota = owner.access.current.quota(owner);
  if (!quota) return;
  if (quota.maxContexts !== undefined && open.length + 1 > quota.maxContexts) {
    throw exceeded(
      owner,
      "contexts",
      quota.maxContexts,
      `quota of ${quota.maxContexts} contexts reached (${open.length} open)`,
    );
  }
  const held = open.reduce((sum, c) => sum + c.depth, 0);
  if (quota.maxTotalDepth !== undefined && held + depth > quota.maxTotalDepth) {
    throw exceeded(
      owner,
      "total_depth",
      quota.maxTotalDepth,
      `a context of depth ${depth} exceeds the total depth quota of ${quota.maxTotalDepth} (${held} held)`,
    );
  }
}
