import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { ExecutionContext } from "ava";
import { tempPath } from "./test-server.js";

/** The token file line that accepts `token` for `principal`. */
export function tokenLine(principal: string, token: string): string {
  return `${principal} sha256:${createHash("sha256").update(token).digest("hex")}`;
}

/** Writes a token file accepting each `principal: token` pair; returns its path. */
export async function writeTokenFile(
  t: ExecutionContext,
  tokens: Readonly<Record<string, string>>,
): Promise<string> {
  const path = await tempPath(t, "tokens");
  const lines = Object.entries(tokens).map(([principal, token]) => tokenLine(principal, token));
  await writeFile(path, `# principal sha256:hex\n${lines.join("\n")}\n`);
  return path;
}
