import { switchOption } from "../../options/index.js";
import type { CliCommand } from "./cli-command.js";
import { withSession } from "./cli-session.js";
import { formatBytes } from "./format-bytes.js";
import { formatTable } from "./format-table.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { readClusterDirectory } from "./read-cluster-directory.js";
import { writeJson } from "./write-json.js";

const USAGE = `Usage: lnvm cluster [--json]

Lists every device of the cluster the server belongs to, from the cluster directory in etcd:
name, the node serving it, geometry (groups × PUs × chunks × sectors × sector bytes) and
capacity. Any node of the cluster answers for all of them. Fails when the server runs
without --etcd. With --seed the seeds are asked instead of --address; with --etcd the
directory is read from etcd itself, no node needed.`;

const OPTIONS = {
  json: switchOption({ help: "print an array of {name, nodeAddress, geometry, capacityBytes}" }),
};

/** `lnvm cluster`: the cluster directory as a table or JSON. */
export const clusterCommand: CliCommand = {
  name: "cluster",
  summary: "list the devices of every node in the server's cluster",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: [],
    });
    if (!parsed) return;
    const { cluster } = parsed.server;
    const devices = cluster
      ? await readClusterDirectory(cluster, parsed.server.options)
      : await withSession(parsed.server, (session) => session.client.clusterDevices());
    if (parsed.values.json) {
      writeJson(
        io,
        devices.map((d) => ({
          name: d.name,
          nodeAddress: d.nodeAddress,
          geometry: {
            npugrp: d.geometry?.npugrp ?? 0,
            npunit: d.geometry?.npunit ?? 0,
            nchunk: d.geometry?.nchunk ?? 0,
            nsectr: d.geometry?.nsectr ?? 0,
            nbytes: d.geometry?.nbytes ?? 0,
            nbytesOob: d.geometry?.nbytesOob ?? 0,
          },
          capacityBytes: d.capacityBytes,
        })),
      );
      return;
    }
    const rows = devices.map((d) => {
      const g = d.geometry;
      return [
        d.name,
        d.nodeAddress,
        `${g?.npugrp}×${g?.npunit}×${g?.nchunk}×${g?.nsectr}×${g?.nbytes}`,
        formatBytes(d.capacityBytes),
      ];
    });
    io.stdout.write(
      formatTable(
        [
          { header: "NAME" },
          { header: "NODE" },
          { header: "GEOMETRY (grp×pu×chk×sec×B)" },
          { header: "CAPACITY", right: true },
        ],
        rows,
      ),
    );
  },
};
