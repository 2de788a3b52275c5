import { integerOption, listOption, parseChoice, switchOption } from "../../options/index.js";
import { type ChunkDescriptor, ChunkState } from "../ts/index.js";
import { DEFAULT_MAP_WIDTH, renderChunkMap } from "./chunk-map.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import { withDeviceSession } from "./device-session.js";
import { formatTable } from "./format-table.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { parseInteger } from "./parse-integer.js";
import { useColor } from "./use-color.js";
import { writeJson } from "./write-json.js";

const STATES = {
  free: ChunkState.FREE,
  open: ChunkState.OPEN,
  closed: ChunkState.CLOSED,
  offline: ChunkState.OFFLINE,
} as const;

const STATE_NAMES = Object.keys(STATES) as (keyof typeof STATES)[];

const USAGE = `Usage: lnvm report <device> [--state S]... [--pu-begin N] [--pu-end N] [--json | --map]

The chunk report: one row per chunk with its group, PU, chunk, state, write pointer (sectors
written) and wear index, in (group, punit, chunk) order.`;

const OPTIONS = {
  state: listOption({
    placeholder: "S",
    defaultText: "every state",
    limits: STATE_NAMES.join(", "),
    help: "only chunks in state S; comma-separate for several",
    parse: (text, source) =>
      text.split(",").map((s) => STATES[parseChoice(STATE_NAMES, s.trim().toLowerCase(), source)]),
  }),
  "pu-begin": integerOption({
    default: 0,
    help: "first parallel unit, as group × npunit + punit, at most the number of PUs",
  }),
  "pu-end": integerOption({
    defaultText: "the last PU + 1",
    help: "end of the half-open PU range, from --pu-begin to the number of PUs",
  }),
  json: switchOption({ help: "print an array of chunk descriptors" }),
  map: switchOption({
    help:
      "draw the device instead: one line per PU, one cell per chunk: · free, ░▒▓ open (by " +
      "write pointer), █ closed, X offline; coloured by state on a terminal",
  }),
  "no-color": switchOption({
    help: "no ANSI colours in --map (also when NO_COLOR is set or stdout is no terminal)",
  }),
  width: integerOption({
    min: 1,
    defaultText: `the terminal width, else ${DEFAULT_MAP_WIDTH}`,
    help: "cells per line in --map",
  }),
};

/** A chunk descriptor as plain JSON, with the state and type by name. */
function chunkToJson(chunk: ChunkDescriptor) {
  return {
    group: chunk.group,
    punit: chunk.punit,
    chunk: chunk.chunk,
    state: ChunkState[chunk.state] ?? chunk.state,
    type: chunk.type,
    wearIndex: chunk.wearIndex,
    deviceAddress: `0x${chunk.deviceAddress.toString(16).padStart(16, "0")}`,
    sectorCount: chunk.sectorCount,
    writePointer: chunk.writePointer,
  };
}

/** `lnvm report`: the chunk report as a table, JSON or a map. */
export const reportCommand: CliCommand = {
  name: "report",
  summary: "show the chunk report (table, JSON or a map of the device)",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: ["<device>"],
    });
    if (!parsed) return;
    const { values, positionals } = parsed;
    if (values.json && values.map) throw CliError.usage("--json and --map exclude each other");
    const states = [...values.state];
    const width = values.width ?? Math.max(16, (io.columns ?? DEFAULT_MAP_WIDTH + 16) - 16);
    await withDeviceSession(parsed.server, positionals[0] ?? "", async (session, device) => {
      const npu = (device.geometry?.npugrp ?? 0) * (device.geometry?.npunit ?? 0);
      // The PU limits depend on the device, so they are checked once it is known.
      const puBegin = parseInteger("--pu-begin", String(values["pu-begin"]), 0, npu);
      const puEnd =
        values["pu-end"] === undefined
          ? npu
          : parseInteger("--pu-end", String(values["pu-end"]), puBegin, npu);
      const chunks: ChunkDescriptor[] = [];
      for await (const chunk of session.client.reportChunks(device.name, {
        states,
        puBegin,
        puEnd,
      })) {
        chunks.push(chunk);
      }
      if (values.json) {
        writeJson(io, chunks.map(chunkToJson));
      } else if (values.map) {
        io.stdout.write(
          renderChunkMap(device, chunks, {
            color: useColor(io, values["no-color"] === true),
            width,
          }),
        );
      } else {
        io.stdout.write(
          formatTable(
            [
              { header: "GROUP", right: true },
              { header: "PUNIT", right: true },
              { header: "CHUNK", right: true },
              { header: "STATE" },
              { header: "WP", right: true },
              { header: "WEAR", right: true },
            ],
            chunks.map((c) => [
              String(c.group),
              String(c.punit),
              String(c.chunk),
              ChunkState[c.state] ?? String(c.state),
              String(c.writePointer),
              String(c.wearIndex),
            ]),
          ),
        );
      }
    });
  },
};
