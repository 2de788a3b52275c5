/** A column of `formatTable`: its header and whether its cells are right-aligned (numbers). */
export interface TableColumn {
  readonly header: string;
  readonly right?: boolean;
}

/**
 * A plain-text table: a header row, then one row per entry, columns separated by two spaces and
 * padded to their widest cell; no trailing spaces. Ends with a newline.
 */
export function formatTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? "";
        const width = widths[i] ?? 0;
        return column.right ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...rows.map(line)].join("\n")}\n`;
}
