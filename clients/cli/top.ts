import type { GetStatsResponse } from "../../gen/ts/lightnvm/v1/stats_pb.js";
import { switchOption, textOption, valueOption } from "../../options/index.js";
import type { LnvmClient } from "../ts/index.js";
import type { CliCommand } from "./cli-command.js";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { withSession } from "./cli-session.js";
import { routeToDevice } from "./device-session.js";
import { parseCliArgs } from "./parse-cli-args.js";
import { formatTop } from "./top/format-top.js";
import { statsRates } from "./top/stats-rates.js";
import { writeJson } from "./write-json.js";

const USAGE = `Usage: lnvm top [--interval S] [--device NAME] [--once] [--json]

A live view of the server's I/O, like iostat -x or spdk_top: per device and per context, the
IOPS (all, reads, writes), MB/s (10^6 B/s), queue depth (QD: commands on the device; PEND:
completions waiting for the client), and latency percentiles over the last interval: DEV is
device time (submission to reap), E2E is Submit arrival to delivery. Read from the server's
StatsService every interval.

On a terminal the screen is redrawn each interval; q or Ctrl-C quits. Otherwise one frame is
printed per interval until interrupted.`;

/** ANSI: cursor home and clear screen; hide and show the cursor. */
const CLEAR_SCREEN = "\x1b[H\x1b[2J";
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

/** Longest accepted --interval, seconds. */
const MAX_INTERVAL_S = 3600;

/** Parses `--interval` seconds (a decimal fraction is fine). */
function parseInterval(text: string, source: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0 || seconds > MAX_INTERVAL_S) {
    throw CliError.usage(
      `${source}: expected seconds above 0 and at most ${MAX_INTERVAL_S}, got ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}

const OPTIONS = {
  interval: valueOption({
    placeholder: "S",
    default: 1,
    limits: `above 0, at most ${MAX_INTERVAL_S}`,
    help: "seconds between refreshes, and the interval rates are over",
    parse: parseInterval,
  }),
  device: textOption({ placeholder: "NAME", help: "only this device and its contexts" }),
  once: switchOption({ help: "print one frame, over one interval, and exit" }),
  json: switchOption({
    help: "print frames as JSON (indented with --once, one line each otherwise)",
  }),
};

interface RawInput {
  setRawMode(raw: boolean): unknown;
  readonly isTTY?: boolean;
}

/** Resolves when the user asks to quit: q, Ctrl-C on a terminal's stdin, or SIGINT/SIGTERM. */
function quitRequested(io: CliIo): { promise: Promise<void>; dispose(): void } {
  let quit = () => {};
  const promise = new Promise<void>((resolve) => {
    quit = resolve;
  });
  const stdin = io.stdin as unknown as Partial<RawInput>;
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === "function";
  const onData = (chunk: Buffer) => {
    if (chunk.includes(0x71) || chunk.includes(0x51) || chunk.includes(0x03)) quit();
  };
  if (raw) {
    stdin.setRawMode?.(true);
    io.stdin.on("data", onData);
    io.stdin.resume();
  }
  process.once("SIGINT", quit);
  process.once("SIGTERM", quit);
  return {
    promise,
    dispose: () => {
      process.removeListener("SIGINT", quit);
      process.removeListener("SIGTERM", quit);
      if (raw) {
        io.stdin.removeListener("data", onData);
        stdin.setRawMode?.(false);
        io.stdin.pause();
      }
    },
  };
}

/** `lnvm top`: live IOPS, MB/s, latency percentiles and queue depth per device and context. */
export const topCommand: CliCommand = {
  name: "top",
  summary: "live I/O rates, latencies and queue depths per device and context",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs(args, io, {
      usage: USAGE,
      options: OPTIONS,
      positionals: [],
    });
    if (!parsed) return;
    const intervalMs = parsed.values.interval * 1000;
    const { once, json } = parsed.values;
    const device = parsed.values.device;
    // With a cluster, the node serving --device; without --device, --address.
    const server =
      device === undefined ? parsed.server : await routeToDevice(parsed.server, device);
    await withSession(server, async (session) => {
      if (device !== undefined) session.device(device);
      const read = (client: LnvmClient) => client.stats(device === undefined ? {} : { device });
      const quit = quitRequested(io);
      const live = !once && !json && io.stdoutIsTty;
      if (live) io.stdout.write(HIDE_CURSOR);
      try {
        let previous: GetStatsResponse = await read(session.client);
        for (;;) {
          let timer: NodeJS.Timeout | undefined;
          const tick = new Promise<"tick">((resolve) => {
            timer = setTimeout(() => resolve("tick"), intervalMs);
          });
          const outcome = await Promise.race([tick, quit.promise.then(() => "quit" as const)]);
          clearTimeout(timer);
          if (outcome === "quit") return;
          const current = await read(session.client);
          const rates = statsRates(previous, current);
          previous = current;
          if (json && once) writeJson(io, rates);
          else if (json) io.stdout.write(`${JSON.stringify(rates)}\n`);
          else {
            const frame = formatTop(session.address, rates, new Date());
            io.stdout.write(live ? `${CLEAR_SCREEN}${frame}` : `${frame}\n`);
          }
          if (once) return;
        }
      } finally {
        quit.dispose();
        if (live) io.stdout.write(SHOW_CURSOR);
      }
    });
  },
};
