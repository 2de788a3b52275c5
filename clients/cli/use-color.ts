import type { CliIo } from "./cli-io.js";

/**
 * Whether to emit ANSI colours: only to a terminal, never with `--no-color` (`disabled`), and
 * never when `NO_COLOR` is set to anything non-empty (no-color.org).
 */
export function useColor(io: CliIo, disabled: boolean): boolean {
  if (disabled) return false;
  const noColor = io.env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return io.stdoutIsTty;
}
