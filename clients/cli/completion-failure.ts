import type { Completion } from "../ts/index.js";
import { CliError } from "./cli-error.js";
import { formatStatus } from "./format-status.js";

/**
 * The failure (exit 1) for commands the device completed with an error: the first one as
 * `<verb> <target>: <STATUS (0xCODE)>`, then `notes` (one indented line each), then how many
 * other commands failed (usually in its wake, e.g. writes queued behind an out-of-order one).
 */
export function completionFailure(
  verb: string,
  failures: readonly { readonly target: string; readonly completion: Completion }[],
  notes: readonly (string | undefined)[] = [],
): CliError {
  const [first, ...rest] = failures;
  if (!first) return CliError.failure(`${verb}: failed`);
  const lines = [`${verb} ${first.target}: ${formatStatus(first.completion)}`];
  for (const note of notes) if (note) lines.push(`  ${note}`);
  if (rest.length > 0) {
    lines.push(`  ${rest.length} more command${rest.length === 1 ? "" : "s"} failed after it`);
  }
  return CliError.failure(lines.join("\n"));
}
