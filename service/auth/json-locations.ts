/**
 * Where each value of a JSON text starts, by path in the notation policy errors use:
 * `grants[1].rights[0]`, with "(top level)" for the root. An object member is located at its
 * key, so an unknown or misspelt field points at its name. `text` must be valid JSON (parse it
 * with JSON.parse first); the result is 0-based character offsets.
 */
export function jsonLocations(text: string): Map<string, number> {
  const locations = new Map<string, number>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    if (!locations.has(path)) locations.set(path, i);
    const c = text[i];
    if (c === "{") {
      i++;
      skipSpace();
      while (text[i] !== "}") {
        skipSpace();
        const keyAt = i;
        const key = readString();
        const child = path === "(top level)" ? key : `${path}.${key}`;
        locations.set(child, keyAt);
        skipSpace();
        i++; // colon
        value(child);
        skipSpace();
        if (text[i] === ",") i++;
        skipSpace();
      }
      i++;
    } else if (c === "[") {
      i++;
      skipSpace();
      for (let n = 0; text[i] !== "]"; n++) {
        value(`${path}[${n}]`);
        skipSpace();
        if (text[i] === ",") i++;
        skipSpace();
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i] ?? "")) i++;
    }
  };
  value("(top level)");
  return locations;
}

/**
 * "line L, column C" (1-based) of the value at `path`, or of its nearest enclosing value when
 * the path names something absent (a missing field is reported at its object).
 */
export function describeLocation(
  text: string,
  locations: ReadonlyMap<string, number>,
  path: string,
): string | undefined {
  // Validator paths name the root's own fields "(top level).field"; locations name them "field".
  let probe = path.startsWith("(top level).") ? path.slice("(top level).".length) : path;
  for (;;) {
    const offset = locations.get(probe);
    if (offset !== undefined) {
      const before = text.slice(0, offset).split("\n");
      return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    }
    const cut = Math.max(probe.lastIndexOf("."), probe.lastIndexOf("["));
    if (cut <= 0)
      return probe === "(top level)" ? undefined : describeLocation(text, locations, "(top level)");
    probe = probe.slice(0, cut);
  }
}
