import { Buffer } from "node:buffer";
import { switchOption, textOption } from "../../options/index.js";
import { ChunkState, StatusCode } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import { maxCommandSectors, splitSpans } from "./command-plan.js";
import { completionFailure } from "./completion-failure.js";
import { findChunk, formatChunk, formatChunkState } from "./describe-chunk.js";
import { withDeviceSession } from "./device-session.js";
import { formatBytes } from "./format-bytes.js";
import { ioQueueDepthOption } from "./io-queue-depth.js";
import { issueInOrder } from "./issue-in-order.js";
import { parseSectorRange } from "./parse-address-range.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { readInput } from "./read-input.js";
import { countSectors, formatSpan } from "./sector-span.js";

const USAGE = `Usage: lnvm write <device> <addr-range> [--file F] [--pad] [--qd N]

Writes the data of F (or stdin) to the sectors of <addr-range>, in order.

<addr-range> is group/punit/chunk[/sector], each field a number or an inclusive range N-M:
  0/1/2/0-15   sectors 0 to 15 of chunk 2 of PU 1 of group 0
  0/1/2        every sector of that chunk
  0/0-1/3/0-7  sectors 0 to 7 of chunk 3 on PUs 0 and 1

The data must be exactly sectors × nbytes bytes. Device rules apply and failures are reported
with the device's status: a chunk is written at its write pointer (0 when free), in multiples
of ws_min sectors; a closed chunk must be erased first. The range is split into commands of at
most the device's max addresses per command and max command bytes ('lnvm info'), issued in
order, up to --qd at a time.`;

const OPTIONS = {
  file: textOption({
    placeholder: "F",
    short: "f",
    defaultText: "stdin",
    help: 'read the data from F; "-" is stdin',
  }),
  pad: switchOption({ help: "accept shorter data and pad it with zeros to the range's size" }),
  qd: ioQueueDepthOption,
};

/** What to add to a chunk's description after a write to it failed, by the chunk's state. */
const STATE_NOTES: Readonly<
  Partial<Record<ChunkState, (device: string, chunk: string) => string>>
> = {
  [ChunkState.CLOSED]: (device, chunk) =>
    `; a closed chunk must be erased first (lnvm erase ${device} ${chunk})`,
  [ChunkState.OFFLINE]: () => "; an offline chunk cannot be used",
};

/** What to add after a write to a free or open chunk failed, by the completion's status. */
const STATUS_NOTES: ReadonlyMap<number, (wsMin: number) => string> = new Map([
  [
    StatusCode.OUT_OF_ORDER_WRITE,
    (wsMin: number) =>
      `; writes must start at the write pointer, in multiples of ws_min (${wsMin}) sectors`,
  ],
]);

/** `lnvm write`: writes a file or stdin to a sector range. */
export const writeCommand: CliCommand = {
  name: "write",
  summary: "write data from a file or stdin to a sector range",
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
    const [name = "", rangeText = ""] = positionals;
    await withDeviceSession(parsed.server, name, async (session, device) => {
      const spans = parseSectorRange("<addr-range>", rangeText, device);
      const nbytes = device.geometry?.nbytes ?? 0;
      const needed = countSectors(spans) * nbytes;
      let data = await readInput(values.file, io.stdin);
      if (data.length > needed || (data.length < needed && !values.pad)) {
        throw CliError.usage(
          `the data is ${data.length} bytes but ${rangeText} holds ${countSectors(spans)} ` +
            `sectors × ${nbytes} = ${needed} bytes${data.length < needed ? " (--pad fills with zeros)" : ""}`,
        );
      }
      if (data.length < needed) data = Buffer.concat([data, Buffer.alloc(needed - data.length)]);
      const pieces = splitSpans(spans, maxCommandSectors(device, device.wsMin));
      const offsets: number[] = [];
      let offset = 0;
      for (const piece of pieces) {
        offsets.push(offset);
        offset += piece.count * nbytes;
      }
      const context = await session.client.init({ device: device.name, depth: qd });
      try {
        const result = await issueInOrder(pieces, qd, (piece, i) => {
          const start = offsets[i] ?? 0;
          return context.write(
            { start: piece, count: piece.count },
            data.subarray(start, start + piece.count * nbytes),
          );
        });
        const [first] = result.failures;
        if (first) {
          const chunk = await findChunk(session.client, device, first.item);
          const note =
            (chunk && STATE_NOTES[chunk.state]?.(device.name, formatChunk(chunk))) ??
            STATUS_NOTES.get(first.completion.status?.code ?? 0)?.(device.wsMin) ??
            "";
          throw completionFailure(
            "write",
            result.failures.map((f) => ({ target: formatSpan(f.item), completion: f.completion })),
            [chunk && `${formatChunkState(chunk)}${note}`],
          );
        }
      } finally {
        await context.term();
      }
      io.stdout.write(
        `wrote ${countSectors(spans)} sectors (${formatBytes(needed)}) to ${device.name} ` +
          `${rangeText} in ${pieces.length} command${pieces.length === 1 ? "" : "s"}\n`,
      );
    });
  },
};
