import type { OptionSpec, OptionTable } from "./option-spec.js";

/** Width `--help` text is wrapped to, in columns. */
export const HELP_WIDTH_COLUMNS = 100;
/** Narrowest description column; below it descriptions go on lines of their own. */
const MIN_DESCRIPTION_COLUMNS = 30;
/** Indent of a description on its own lines. */
const OWN_LINE_INDENT_COLUMNS = 8;

/** `-o, --out F` or `--qd N`: how the option is typed. */
export function formatFlag(flag: string, spec: OptionSpec<unknown>): string {
  const long = spec.placeholder === undefined ? `--${flag}` : `--${flag} ${spec.placeholder}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}

/** How the option's environment variable is set: `NAME`, or `NAME=1` for a switch. */
export function formatEnv(spec: OptionSpec<unknown>): string {
  if (spec.env === undefined) return "";
  return spec.placeholder === undefined ? `${spec.env}=1` : spec.env;
}

/** `text` in lines of at most `width` columns, split at spaces (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * The options block of `--help` for `table`, plus `-h, --help`: one row per option with its
 * flag, its environment variable when any option has one, and its description with limits and
 * default, in columns as wide as their longest entry; descriptions wrap at `width` columns.
 */
export function formatOptionHelp(table: OptionTable, width = HELP_WIDTH_COLUMNS): string {
  const rows = Object.entries(table).map(([flag, spec]) => {
    const notes = [
      spec.limits,
      spec.multiple && spec.env !== undefined
        ? "repeat the flag, or comma-separate in the variable"
        : spec.multiple
          ? "repeat for more"
          : undefined,
      spec.defaultText === undefined ? undefined : `default ${spec.defaultText}`,
    ].filter((note) => note !== undefined);
    const description = spec.help + (notes.length ? ` (${notes.join("; ")})` : "");
    return { flag: formatFlag(flag, spec), env: formatEnv(spec), description };
  });
  rows.push({ flag: "-h, --help", env: "", description: "show this help" });
  const flagWidth = Math.max(...rows.map((row) => row.flag.length));
  const envWidth = Math.max(...rows.map((row) => row.env.length));
  const start = 2 + flagWidth + 2 + (envWidth > 0 ? envWidth + 2 : 0);
  const ownLine = width - start < MIN_DESCRIPTION_COLUMNS;
  const indent = ownLine ? OWN_LINE_INDENT_COLUMNS : start;
  return rows
    .map((row) => {
      const lead = `  ${row.flag.padEnd(flagWidth)}  ${envWidth > 0 ? `${row.env.padEnd(envWidth)}  ` : ""}`;
      const lines = wrap(row.description, width - indent);
      const body = lines.map((line) => `${" ".repeat(indent)}${line}`);
      if (ownLine) return [lead.trimEnd(), ...body].join("\n");
      return [`${lead}${lines[0] ?? ""}`, ...body.slice(1)].join("\n");
    })
    .join("\n");
}
