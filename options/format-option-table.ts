import { formatEnv, formatFlag } from "./format-option-help.js";
import type { OptionTable } from "./option-spec.js";

/** `text` as a Markdown table cell: pipes escaped. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/**
 * The README's configuration table for `table`: flag, environment variable, default, limits
 * and meaning, one row per option in table order (`--help` is left out: every program has it).
 */
export function formatOptionTable(table: OptionTable): string {
  const rows = Object.entries(table).map(([flag, spec]) => {
    const flagCell = `\`${formatFlag(flag, spec)}\`${spec.multiple ? " (repeat)" : ""}`;
    const envCell =
      spec.env === undefined ? "" : `\`${formatEnv(spec)}\`${spec.multiple ? " (comma list)" : ""}`;
    const defaultCell =
      spec.defaultText === undefined || !spec.defaultIsValue
        ? (spec.defaultText ?? "")
        : `\`${spec.defaultText}\``;
    return `| ${[flagCell, envCell, defaultCell, spec.limits ?? "", spec.help].map(cell).join(" | ")} |`;
  });
  return [
    "| flag | environment | default | limits | meaning |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
