import { switchOption } from "../../options/index.js";
import type { Device } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { type ServerTarget, withSession } from "./cli-session.js";
import type { ClusterSource } from "./cluster-source.js";
import { deviceToJson } from "./device-json.js";
import { formatBytes } from "./format-bytes.js";
import { formatTable } from "./format-table.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { readClusterDirectory } from "./read-cluster-directory.js";
import { writeJson } from "./write-json.js";

const USAGE = `Usage: lnvm devices [--json]

Lists the devices the server exposes, in its configuration order: name, geometry
(groups × PUs × chunks × sectors × sector bytes), capacity and path. With --seed or --etcd,
the devices of every node of the cluster, asked of each node, with the node serving each
(NODE; "nodeAddress" in JSON).`;

const OPTIONS = {
  json: switchOption({ help: "print an array of devices (every Device field) instead of a table" }),
};

/** A device and the node it was listed by (undefined: the one server asked). */
interface ListedDevice {
  readonly device: Device;
  readonly node: string | undefined;
}

/**
 * The devices of every node in the cluster directory, each node asked once over its own
 * channel, in node order of the directory (name order of their first device).
 */
async function everyNodesDevices(server: ServerTarget): Promise<ListedDevice[]> {
  const directory = await readClusterDirectory(server.cluster as ClusterSource, server.options);
  const nodes = [...new Set(directory.map((d) => d.nodeAddress))];
  const perNode = await Promise.all(
    nodes.map((node) =>
      withSession({ address: node, options: server.options }, async (session) =>
        session.devices.map((device) => ({ device, node })),
      ),
    ),
  );
  return perNode.flat();
}

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
    const { cluster } = parsed.server;
    const listed = cluster
      ? await everyNodesDevices(parsed.server)
      : await withSession(parsed.server, async (session) =>
          session.devices.map((device) => ({ device, node: undefined })),
        );
    if (parsed.values.json) {
      writeJson(
        io,
        listed.map(({ device, node }) => ({
          ...deviceToJson(device),
          ...(node === undefined ? {} : { nodeAddress: node }),
        })),
      );
      return;
    }
    const rows = listed.map(({ device: d, node }) => {
      const g = d.geometry;
      return [
        d.name,
        ...(cluster ? [node ?? ""] : []),
        `${g?.npugrp}×${g?.npunit}×${g?.nchunk}×${g?.nsectr}×${g?.nbytes}`,
        formatBytes(d.capacityBytes),
        d.path,
      ];
    });
    io.stdout.write(
      formatTable(
        [
          { header: "NAME" },
          ...(cluster ? [{ header: "NODE" }] : []),
          { header: "GEOMETRY (grp×pu×chk×sec×B)" },
          { header: "CAPACITY", right: true },
          { header: "PATH" },
        ],
        rows,
      ),
    );
  },
};
