import { formatTable } from "../format-table.js";
import type { IoRates, StatsRates } from "./stats-rates.js";

const COLUMNS = [
  { header: "IOPS", right: true },
  { header: "READ/s", right: true },
  { header: "WRITE/s", right: true },
  { header: "MB/s", right: true },
  { header: "QD", right: true },
  { header: "PEND", right: true },
  { header: "DEV p50", right: true },
  { header: "p99", right: true },
  { header: "p99.9", right: true },
  { header: "E2E p50", right: true },
  { header: "p99", right: true },
];

function microseconds(value: number | null): string {
  if (value === null) return "-";
  if (value >= 10_000) return `${(value / 1000).toFixed(0)}ms`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}ms`;
  return `${value.toFixed(0)}us`;
}

function cells(r: IoRates): string[] {
  return [
    String(r.iops),
    String(r.readIops),
    String(r.writeIops),
    r.mbPerSecond.toFixed(1),
    String(r.outstanding),
    String(r.pending),
    microseconds(r.deviceLatencyUs.p50),
    microseconds(r.deviceLatencyUs.p99),
    microseconds(r.deviceLatencyUs.p999),
    microseconds(r.endToEndLatencyUs.p50),
    microseconds(r.endToEndLatencyUs.p99),
  ];
}

/**
 * One frame of `lnvm top`: a title line, a table of devices, then a table of contexts (ids cut
 * to 8 characters), latencies as DEV (submission to reap) and E2E (Submit to delivery).
 */
export function formatTop(address: string, rates: StatsRates, at: Date): string {
  const title = `lnvm top: ${address}  ${at.toISOString().slice(11, 19)}  rates over ${rates.intervalSeconds}s  (q to quit)\n\n`;
  const devices = formatTable(
    [{ header: "DEVICE" }, { header: "CTX", right: true }, ...COLUMNS],
    rates.devices.map((d) => [d.device, String(d.contexts), ...cells(d)]),
  );
  const contexts =
    rates.contexts.length === 0
      ? "no contexts\n"
      : formatTable(
          [
            { header: "CONTEXT" },
            { header: "DEVICE" },
            { header: "DEPTH", right: true },
            ...COLUMNS,
          ],
          rates.contexts.map((c) => [
            c.contextId.slice(0, 8),
            c.device,
            String(c.depth),
            ...cells(c),
          ]),
        );
  return `${title}${devices}\n${contexts}`;
}
