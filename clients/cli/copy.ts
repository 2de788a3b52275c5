import type { SectorAddressInput } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import { maxAddressesPerCommand } from "./command-plan.js";
import { completionFailure } from "./completion-failure.js";
import { describeChunk } from "./describe-chunk.js";
import { withDeviceSession } from "./device-session.js";
import { ioQueueDepthOption } from "./io-queue-depth.js";
import { issueInOrder } from "./issue-in-order.js";
import { parseSectorRange } from "./parse-address-range.js";
import { parseCliArgs } from "./parse-cli-args.js";
import type { SectorSpan } from "./sector-span.js";

const USAGE = `Usage: lnvm copy <device> <src-range> <dst-range> [--qd N]

Copies sectors inside the device (vector copy, data and metadata): the i-th sector of
<src-range> goes to the i-th sector of <dst-range>. Both ranges are group/punit/chunk[/sector]
with numbers or inclusive ranges N-M (see 'lnvm write --help') and must hold as many sectors.

The destination follows the write rules (at the write pointer, in multiples of ws_min), and
the device must support copy (mccap bit 0). Up to the device's max addresses per
command ('lnvm info') go in one command.`;

const OPTIONS = { qd: ioQueueDepthOption };

/** Every sector of `spans`, in order. */
function sectorsOf(spans: readonly SectorSpan[]): SectorAddressInput[] {
  return spans.flatMap((span) =>
    Array.from({ length: span.count }, (_, i) => ({ ...span, sector: span.sector + i })),
  );
}

/** `g/p/c/s` of a sector, and `..g/p/c/s` of a last one when there are more. */
function formatPairs(sectors: readonly SectorAddressInput[]): string {
  const name = (a: SectorAddressInput) => `${a.group}/${a.punit}/${a.chunk}/${a.sector}`;
  const [first] = sectors;
  const last = sectors[sectors.length - 1];
  if (!first || !last) return "";
  return sectors.length === 1 ? name(first) : `${name(first)}..${name(last)}`;
}

/** `lnvm copy`: copies a sector range to another inside the device. */
export const copyCommand: CliCommand = {
  name: "copy",
  summary: "copy a sector range to another inside the device",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: ["<device>", "<src-range>", "<dst-range>"],
    });
    if (!parsed) return;
    const { values, positionals } = parsed;
    const { qd } = values;
    const [name = "", srcText = "", dstText = ""] = positionals;
    await withDeviceSession(parsed.server, name, async (session, device) => {
      const sources = sectorsOf(parseSectorRange("<src-range>", srcText, device));
      const destinations = sectorsOf(parseSectorRange("<dst-range>", dstText, device));
      if (sources.length !== destinations.length) {
        throw CliError.usage(
          `<src-range> ${srcText} holds ${sources.length} sectors but <dst-range> ${dstText} ` +
            `holds ${destinations.length}`,
        );
      }
      const pairs: { src: SectorAddressInput[]; dst: SectorAddressInput[] }[] = [];
      const perCommand = maxAddressesPerCommand(device);
      for (let i = 0; i < sources.length; i += perCommand) {
        pairs.push({
          src: sources.slice(i, i + perCommand),
          dst: destinations.slice(i, i + perCommand),
        });
      }
      const context = await session.client.init({ device: device.name, depth: qd });
      const result = await issueInOrder(pairs, qd, (pair) =>
        context.copy(pair.src, pair.dst),
      ).finally(() => context.term());
      const [first] = result.failures;
      if (first) {
        const dst = first.item.dst[0];
        const chunk = dst && (await describeChunk(session.client, device, dst));
        throw completionFailure(
          "copy",
          result.failures.map((f) => ({
            target: `${formatPairs(f.item.src)} to ${formatPairs(f.item.dst)}`,
            completion: f.completion,
          })),
          [chunk && `destination ${chunk}`],
        );
      }
      io.stdout.write(
        `copied ${sources.length} sectors of ${device.name} from ${srcText} to ${dstText}\n`,
      );
    });
  },
};
