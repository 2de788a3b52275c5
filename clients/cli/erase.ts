import { StatusCode } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { maxAddressesPerCommand } from "./command-plan.js";
import { completionFailure } from "./completion-failure.js";
import { type ChunkAddress, describeChunk, formatChunk } from "./describe-chunk.js";
import { withDeviceSession } from "./device-session.js";
import { issueInOrder } from "./issue-in-order.js";
import { parseChunkRange } from "./parse-address-range.js";
import { parseCliArgs } from "./parse-cli-args.js";

/** Erase commands in flight at most. */
const ERASE_QD = 16;

const USAGE = `Usage: lnvm erase <device> <chunk-addr>...

Resets chunks: each becomes FREE with write pointer 0 and its data is gone.

<chunk-addr> is group/punit/chunk, each field a number or an inclusive range N-M:
  0/1/2      chunk 2 of PU 1 of group 0
  0/1/2-5    chunks 2 to 5 of that PU
  0/0-1/0-3  chunks 0 to 3 of PUs 0 and 1

Only a CLOSED chunk can be reset (and a FREE one when the device's mccap bit 1 is set); an OPEN
chunk fails with INVALID_RESET (0x2C1) until it is written to its end. Up to the device's max
addresses per command ('lnvm info') go in one command; a failed command's message names the chunks the device refused.`;

/** `lnvm erase`: resets chunks. */
export const eraseCommand: CliCommand = {
  name: "erase",
  summary: "reset (erase) chunks",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: {},
      positionals: ["<device>", "<chunk-addr>"],
      variadic: true,
    });
    if (!parsed) return;
    const [name = "", ...texts] = parsed.positionals;
    await withDeviceSession(parsed.server, name, async (session, device) => {
      const chunks = texts.flatMap((text) => parseChunkRange("<chunk-addr>", text, device));
      const batches: ChunkAddress[][] = [];
      const perCommand = maxAddressesPerCommand(device);
      for (let i = 0; i < chunks.length; i += perCommand) {
        batches.push(chunks.slice(i, i + perCommand));
      }
      const window = Math.min(batches.length, ERASE_QD);
      const context = await session.client.init({ device: device.name, depth: window });
      const result = await issueInOrder(batches, window, (batch) =>
        context.erase(batch.map((c) => ({ ...c, sector: 0 }))),
      ).finally(() => context.term());
      const [first] = result.failures;
      if (first) {
        // Bit i of the result is address i of the failed command (command.proto, Completion).
        const failed = first.item.filter((_, i) => (first.completion.result >> BigInt(i)) & 1n);
        const named = failed.length > 0 ? failed : first.item;
        const chunk = named[0] && (await describeChunk(session.client, device, named[0]));
        const note =
          first.completion.status?.code === StatusCode.INVALID_RESET
            ? "; only CLOSED chunks can be reset" +
              (device.mccap & 0x2 ? " (and FREE ones on this device)" : "") +
              ", an OPEN chunk must be written to its end first"
            : "";
        throw completionFailure(
          "erase",
          result.failures.map((f) => ({
            target: f.item.map(formatChunk).join(" "),
            completion: f.completion,
          })),
          [
            failed.length > 0 && failed.length < first.item.length
              ? `refused: ${failed.map(formatChunk).join(" ")}`
              : undefined,
            chunk && `${chunk}${note}`,
          ],
        );
      }
      io.stdout.write(
        `erased ${chunks.length} chunk${chunks.length === 1 ? "" : "s"} of ${device.name}\n`,
      );
    });
  },
};
