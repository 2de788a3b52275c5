import { type ChunkDescriptor, ChunkState, type Device } from "../ts/index.js";
import { countNoun } from "./count-noun.js";

/** Cells per line when the output is not a terminal (or the terminal is very narrow). */
export const DEFAULT_MAP_WIDTH = 64;

/** Shades of an open chunk by write pointer / nsectr: below a third, below two thirds, more. */
const OPEN_SHADES = ["░", "▒", "▓"] as const;

const CELL = {
  free: "·",
  closed: "█",
  offline: "X",
  unreported: " ",
} as const;

/** ANSI SGR colour of each state: FREE dim grey, OPEN yellow, CLOSED green, OFFLINE red. */
const STATE_COLORS: ReadonlyMap<ChunkState, string> = new Map([
  [ChunkState.FREE, "\x1b[2;90m"],
  [ChunkState.OPEN, "\x1b[33m"],
  [ChunkState.CLOSED, "\x1b[32m"],
  [ChunkState.OFFLINE, "\x1b[31m"],
]);
const RESET = "\x1b[0m";

/** Options of `renderChunkMap`. */
export interface ChunkMapOptions {
  /** Colour cells by state with ANSI escapes. */
  readonly color: boolean;
  /** Most cells per line; a PU with more chunks continues on further lines. */
  readonly width: number;
}

/** The character of one chunk: its state, and for an open chunk how full it is. */
function cellOf(chunk: ChunkDescriptor, nsectr: number): string {
  switch (chunk.state) {
    case ChunkState.FREE:
      return CELL.free;
    case ChunkState.CLOSED:
      return CELL.closed;
    case ChunkState.OFFLINE:
      return CELL.offline;
    case ChunkState.OPEN: {
      const fill = Number(chunk.writePointer) / Math.max(nsectr, 1);
      const shade = Math.min(OPEN_SHADES.length - 1, Math.floor(fill * OPEN_SHADES.length));
      return OPEN_SHADES[Math.max(0, shade)] ?? "?";
    }
    default:
      return "?";
  }
}

/**
 * A picture of the device: one line per parallel unit (`g/p`), one cell per chunk in chunk
 * order. `·` free, `░▒▓` open by write pointer (up to a third, two thirds, more of nsectr
 * written), `█` closed, `X` offline, blank for a chunk the report left out (filtered). With
 * `color`, cells are also coloured by state. Ends with a legend and per-state counts. Only PUs
 * with at least one reported chunk are drawn.
 */
export function renderChunkMap(
  device: Device,
  chunks: readonly ChunkDescriptor[],
  options: ChunkMapOptions,
): string {
  const g = device.geometry;
  const nchunk = g?.nchunk ?? 0;
  const nsectr = g?.nsectr ?? 0;
  const rows = new Map<string, (ChunkDescriptor | undefined)[]>();
  const counts = new Map<ChunkState, number>();
  for (const chunk of chunks) {
    const key = `${chunk.group}/${chunk.punit}`;
    let row = rows.get(key);
    if (!row) {
      row = new Array<ChunkDescriptor | undefined>(nchunk).fill(undefined);
      rows.set(key, row);
    }
    row[chunk.chunk] = chunk;
    counts.set(chunk.state, (counts.get(chunk.state) ?? 0) + 1);
  }
  const paint = (state: ChunkState, text: string) => {
    const color = STATE_COLORS.get(state);
    return options.color && color ? `${color}${text}${RESET}` : text;
  };
  const width = Math.max(1, options.width);
  const labelWidth = Math.max(3, ...[...rows.keys()].map((k) => k.length));
  const offsetWidth = String(Math.max(0, nchunk - 1)).length + 1;
  const wrapped = nchunk > width;
  const lines = [
    `${device.name}: ${countNoun(g?.npugrp ?? 0, "group")} × ${countNoun(g?.npunit ?? 0, "PU")} × ` +
      `${countNoun(nchunk, "chunk")} × ${countNoun(nsectr, "sector")}; one line per PU, one cell per chunk`,
  ];
  for (const [key, row] of rows) {
    for (let start = 0; start < nchunk; start += width) {
      const label = start === 0 ? key : "";
      const offset = wrapped ? ` ${`c${start}`.padStart(offsetWidth)}` : "";
      const cells = row
        .slice(start, start + width)
        .map((chunk) => (chunk ? paint(chunk.state, cellOf(chunk, nsectr)) : CELL.unreported))
        .join("");
      lines.push(`${label.padEnd(labelWidth)}${offset} ${cells}`.trimEnd());
    }
  }
  const count = (state: ChunkState) => counts.get(state) ?? 0;
  lines.push(
    "",
    `${paint(ChunkState.FREE, CELL.free)} free (${count(ChunkState.FREE)})  ` +
      `${paint(ChunkState.OPEN, OPEN_SHADES.join(""))} open, by write pointer (${count(ChunkState.OPEN)})  ` +
      `${paint(ChunkState.CLOSED, CELL.closed)} closed (${count(ChunkState.CLOSED)})  ` +
      `${paint(ChunkState.OFFLINE, CELL.offline)} offline (${count(ChunkState.OFFLINE)})`,
  );
  return `${lines.join("\n")}\n`;
}
