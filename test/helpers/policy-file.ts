import { writeFile } from "node:fs/promises";
import type { ExecutionContext } from "ava";
import { tempPath } from "./test-server.js";

/** Writes `policy` as a JSON policy file in a fresh temp dir; returns its path. */
export async function writePolicyFile(t: ExecutionContext, policy: unknown): Promise<string> {
  const path = await tempPath(t, "policy.json");
  await writeFile(path, `${JSON.stringify(policy, null, 2)}\n`);
  return path;
}
