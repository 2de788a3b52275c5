import type { Device } from "../ts/index.js";
import { CliError } from "./cli-error.js";
import type { SectorSpan } from "./sector-span.js";

/** One field of an address range: `first` to `last` inclusive. */
interface FieldRange {
  readonly first: number;
  readonly last: number;
}

const FIELD_NAMES = ["group", "punit", "chunk", "sector"] as const;
const LIMIT_NAMES = ["npugrp", "npunit", "nchunk", "nsectr"] as const;

/**
 * Parses `G/P/C/S` where each field is `N` or an inclusive range `N-M`, and checks it against
 * the device geometry. With `sectors`, the sector field may be omitted (every sector of each
 * chunk); without it there must be no sector field (the address names chunks). Ranges expand in
 * group, punit, chunk order. Errors are usage errors naming `argName` and the text.
 */
function parseFields(
  argName: string,
  text: string,
  device: Device,
  sectors: boolean,
): FieldRange[] {
  const fail = (why: string) => CliError.usage(`${argName} ${JSON.stringify(text)}: ${why}`);
  const parts = text.split("/");
  const shape = sectors ? "group/punit/chunk[/sector]" : "group/punit/chunk";
  if (parts.length < 3 || parts.length > (sectors ? 4 : 3)) {
    throw fail(`expected ${shape}, each a number or a range like 0-15`);
  }
  const geometry = device.geometry;
  const limits = [
    geometry?.npugrp ?? 0,
    geometry?.npunit ?? 0,
    geometry?.nchunk ?? 0,
    geometry?.nsectr ?? 0,
  ];
  const fields: FieldRange[] = [];
  for (const [i, part] of parts.entries()) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const name = FIELD_NAMES[i] ?? "field";
    if (!match) throw fail(`${name} ${JSON.stringify(part)} is not a number or a range N-M`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw fail(`${name} range ${part} runs backwards`);
    const limit = limits[i] ?? 0;
    if (last >= limit)
      throw fail(`${name} ${last} is outside the device (${LIMIT_NAMES[i]} ${limit})`);
    fields.push({ first, last });
  }
  if (parts.length === 3) fields.push({ first: 0, last: (limits[3] ?? 1) - 1 });
  return fields;
}

function* expand(fields: readonly FieldRange[]): Generator<[number, number, number]> {
  const [g, p, c] = fields as [FieldRange, FieldRange, FieldRange];
  for (let group = g.first; group <= g.last; group++)
    for (let punit = p.first; punit <= p.last; punit++)
      for (let chunk = c.first; chunk <= c.last; chunk++) yield [group, punit, chunk];
}

/**
 * The sectors of a range argument such as `0/1/2/0-15` (sectors 0 to 15 of chunk 2 of PU 1 of
 * group 0), `0/1/2` (all of chunk 2) or `0/0-1/3/0-7` (the first 8 sectors of chunk 3 on PUs 0
 * and 1), as one span per chunk in group, punit, chunk order.
 */
export function parseSectorRange(argName: string, text: string, device: Device): SectorSpan[] {
  const fields = parseFields(argName, text, device, true);
  const s = fields[3] as FieldRange;
  return [...expand(fields)].map(([group, punit, chunk]) => ({
    group,
    punit,
    chunk,
    sector: s.first,
    count: s.last - s.first + 1,
  }));
}

/** The chunks of a chunk argument such as `0/1/2` or `0/1/2-5` (chunks 2 to 5), in order. */
export function parseChunkRange(
  argName: string,
  text: string,
  device: Device,
): { group: number; punit: number; chunk: number }[] {
  return [...expand(parseFields(argName, text, device, false))].map(([group, punit, chunk]) => ({
    group,
    punit,
    chunk,
  }));
}
