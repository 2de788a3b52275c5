import { formatOptionTable } from "../../options/index.js";
import { SERVER_OPTIONS } from "../../service/config.js";

/** The line before the generated table in README.md. */
export const TABLE_BEGIN =
  "<!-- configuration table: generated from SERVER_OPTIONS (service/config.ts) by `npm run -s readme` -->";
/** The line after the generated table in README.md. */
export const TABLE_END = "<!-- end of configuration table -->";

/**
 * `readme` with the text between `TABLE_BEGIN` and `TABLE_END` replaced by the configuration
 * table of `SERVER_OPTIONS`. Throws when either marker is missing.
 */
export function readmeWithConfigTable(readme: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) {
    throw new Error(`README.md lacks the lines ${TABLE_BEGIN} and ${TABLE_END}`);
  }
  const before = readme.slice(0, begin + TABLE_BEGIN.length);
  return `${before}\n${formatOptionTable(SERVER_OPTIONS)}\n${readme.slice(end)}`;
}
