import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { textOption } from "../../options/index.js";
import { StatusCode } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import { maxCommandSectors, splitSpans } from "./command-plan.js";
import { completionFailure } from "./completion-failure.js";
import { describeChunk } from "./describe-chunk.js";
import { withDeviceSession } from "./device-session.js";
import { formatBytes } from "./format-bytes.js";
import { succeeded } from "./format-status.js";
import { ioQueueDepthOption } from "./io-queue-depth.js";
import { type IssueResult, issueInOrder } from "./issue-in-order.js";
import { OrderedOutput } from "./ordered-output.js";
import { parseSectorRange } from "./parse-address-range.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { countSectors, formatSpan, type SectorSpan } from "./sector-span.js";
import { unreadableSectorWarnings } from "./unreadable-sectors.js";

const USAGE = `Usage: lnvm read <device> <addr-range> [--out F] [--qd N]

Reads the sectors of <addr-range> and writes their data, in range order, to F or stdout
(binary; refused when stdout is a terminal).

<addr-range> is group/punit/chunk[/sector], each field a number or an inclusive range N-M,
e.g. 0/1/2/0-15 (sectors 0 to 15 of chunk 2 of PU 1 of group 0) or 0/1/2 (the whole chunk).

A sector never written reads back as zeros, or fails with UNWRITTEN_BLOCK when the device
reports it (DULBE); the last mw_cunits sectors below the write pointer of an open chunk read
back as zeros until more is written. The tool warns about both on stderr. On a failure, the
data of the commands before the failed one has already been written out.`;

const OPTIONS = {
  out: textOption({
    placeholder: "F",
    short: "o",
    defaultText: "stdout",
    help: 'write the data to F (created or truncated); "-" is stdout',
  }),
  qd: ioQueueDepthOption,
};

/** `lnvm read`: reads a sector range to a file or stdout. */
export const readCommand: CliCommand = {
  name: "read",
  summary: "read a sector range to a file or stdout",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: ["<device>", "<addr-range>"],
    });
    if (!parsed) return;
    const { values, positionals } = parsed;
    const { qd } = values;
    const toStdout = values.out === undefined || values.out === "-";
    if (toStdout && io.stdoutIsTty) {
      throw CliError.usage("refusing to write sector data to a terminal: use --out F or a pipe");
    }
    const [name = "", rangeText = ""] = positionals;
    await withDeviceSession(parsed.server, name, async (session, device) => {
      const spans = parseSectorRange("<addr-range>", rangeText, device);
      const pieces = splitSpans(spans, maxCommandSectors(device));
      for (const warning of await unreadableSectorWarnings(session.client, device, spans)) {
        io.stderr.write(`lnvm read: warning: ${warning}\n`);
      }
      const sink: Writable = toStdout ? io.stdout : await openFile(values.out ?? "");
      const output = new OrderedOutput(sink);
      const context = await session.client.init({ device: device.name, depth: qd });
      let result: IssueResult<SectorSpan>;
      try {
        result = await issueInOrder(
          pieces,
          qd,
          (piece) => context.read({ start: piece, count: piece.count }),
          (completion, i) => (succeeded(completion) ? output.put(i, completion.data) : undefined),
        );
      } finally {
        await context.term();
        if (!toStdout) {
          sink.end();
          await once(sink, "close");
        }
      }
      const [first] = result.failures;
      if (first) {
        const chunk = await describeChunk(session.client, device, first.item);
        const note =
          first.completion.status?.code === StatusCode.UNWRITTEN_BLOCK
            ? "; sectors at or above the write pointer were never written"
            : "";
        throw completionFailure(
          "read",
          result.failures.map((f) => ({
            target: formatSpan(f.item),
            completion: f.completion,
          })),
          [chunk && `${chunk}${note}`],
        );
      }
      if (!toStdout) {
        io.stdout.write(
          `read ${countSectors(spans)} sectors (${formatBytes(output.bytes)}) from ` +
            `${device.name} ${rangeText} to ${values.out}\n`,
        );
      }
    });
  },
};

/** A write stream to `path`, once it is open; a failure naming the path otherwise. */
async function openFile(path: string): Promise<Writable> {
  const stream = createWriteStream(path);
  try {
    await once(stream, "open");
  } catch (error) {
    throw CliError.failure(`cannot write ${path}: ${(error as Error).message}`, error);
  }
  return stream;
}
