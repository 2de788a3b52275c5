import { switchOption } from "../../options/index.js";
import type { CliCommand } from "./cli-command.js";
import { withSession } from "./cli-session.js";
import { deviceToJson } from "./device-json.js";
import { formatBytes } from "./format-bytes.js";
import { formatTable } from "./format-table.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { writeJson } from "./write-json.js";

const USAGE = `Usage: lnvm devices [--json]

Lists the devices the server exposes, in its configuration order: name, geometry
(groups × PUs × chunks × sectors × sector bytes), capacity and path.`;

const OPTIONS = {
  json: switchOption({ help: "print an array of devices (every Device field) instead of a table" }),
};

/** `lnvm devices`: the server's devices as a table or JSON. */
export const devicesCommand: CliCommand = {
  name: "devices",
  summary: "list the server's devices",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: [],
    });
    if (!parsed) return;
    await withSession(parsed.server, async (session) => {
      if (parsed.values.json) {
        writeJson(io, session.devices.map(deviceToJson));
        return;
      }
      const rows = session.devices.map((d) => {
        const g = d.geometry;
        return [
          d.name,
          `${g?.npugrp}×${g?.npunit}×${g?.nchunk}×${g?.nsectr}×${g?.nbytes}`,
          formatBytes(d.capacityBytes),
          d.path,
        ];
      });
      io.stdout.write(
        formatTable(
          [
            { header: "NAME" },
            { header: "GEOMETRY (grp×pu×chk×sec×B)" },
            { header: "CAPACITY", right: true },
            { header: "PATH" },
          ],
          rows,
        ),
      );
    });
  },
};
