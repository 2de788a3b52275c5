import { execFileSync } from "node:child_process";

/**
 * `sync`: writes dirty page-cache pages back before a write workload, so one run's writeback
 * (and the kernel's dirty-page throttling) does not land in the next run's figures. Untimed.
 */
export function flushDirtyPages(): void {
  execFileSync("sync");
}
