import { switchOption } from "../../options/index.js";
import type { CliCommand } from "./cli-command.js";
import { maxAddressesPerCommand } from "./command-plan.js";
import { deviceToJson } from "./device-json.js";
import { withDeviceSession } from "./device-session.js";
import { formatBytes } from "./format-bytes.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { writeJson } from "./write-json.js";

const USAGE = `Usage: lnvm info <device> [--json]

Describes one device: its geometry, write rules (ws_min, ws_opt, mw_cunits), capabilities and
the server's per-command limit.`;

const OPTIONS = {
  json: switchOption({ help: "print the Device message as JSON (numbers, camelCase fields)" }),
};

/** `lnvm info <device>`: geometry and limits of one device. */
export const infoCommand: CliCommand = {
  name: "info",
  summary: "show a device's geometry and limits",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: ["<device>"],
    });
    if (!parsed) return;
    await withDeviceSession(
      parsed.server,
      parsed.positionals[0] ?? "",
      async (_session, device) => {
        if (parsed.values.json) {
          writeJson(io, deviceToJson(device));
          return;
        }
        const g = deviceToJson(device).geometry;
        const chunkBytes = g.nsectr * g.nbytes;
        const mccap = device.mccap;
        const lines: [string, string][] = [
          ["device", device.name],
          ["path", device.path],
          ["spec", `OCSSD ${device.verid}.0`],
          ["groups (npugrp)", String(g.npugrp)],
          ["PUs per group (npunit)", `${g.npunit} (${g.npugrp * g.npunit} in all)`],
          ["chunks per PU (nchunk)", `${g.nchunk} (${g.npugrp * g.npunit * g.nchunk} in all)`],
          ["sectors per chunk (nsectr)", `${g.nsectr} (${formatBytes(chunkBytes)} per chunk)`],
          ["sector size (nbytes)", `${g.nbytes} B`],
          ["metadata per sector (nbytes_oob)", `${g.nbytesOob} B`],
          ["capacity", `${formatBytes(device.capacityBytes)} (${device.capacityBytes} B)`],
          ["minimum write (ws_min)", `${device.wsMin} sectors`],
          ["optimal write (ws_opt)", `${device.wsOpt} sectors`],
          ["cache units (mw_cunits)", `${device.mwCunits} sectors`],
          [
            "capabilities (mccap)",
            `0x${mccap.toString(16)}: vector copy ${mccap & 0x1 ? "yes" : "no"}, ` +
              `reset of a free chunk ${mccap & 0x2 ? "yes" : "no"}`,
          ],
          [
            "max command",
            `${formatBytes(device.maxCommandBytes)} ` +
              `(${Number(device.maxCommandBytes / BigInt(Math.max(g.nbytes, 1)))} sectors; ` +
              `${maxAddressesPerCommand(device)} addresses at most)`,
          ],
        ];
        const width = Math.max(...lines.map(([key]) => key.length));
        for (const [key, value] of lines)
          io.stdout.write(`${`${key}:`.padEnd(width + 2)}${value}\n`);
      },
    );
  },
};
