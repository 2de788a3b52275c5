import { Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { LatencyHistogram } from "./latency-histogram.js";

/** The opcodes counted, in the order reports list them. */
export const COUNTED_OPCODES: readonly Opcode[] = [
  Opcode.READ,
  Opcode.WRITE,
  Opcode.ERASE,
  Opcode.COPY,
];

/** Counters of one opcode. */
export class OpcodeCounters {
  /** Commands submitted to the device. */
  commands = 0;
  /** Data bytes those commands read, wrote or copied (erase: 0). */
  bytes = 0;
  /** Commands reaped from the device, any status. */
  completions = 0;
  /** Time from submission to the device until the completion was reaped. */
  readonly deviceLatency = new LatencyHistogram();
  /** Time from the Submit reaching the service until its completion left for the client. */
  readonly endToEndLatency = new LatencyHistogram();
}

/**
 * The I/O counters of a device or a context: per opcode, and completions per status code.
 * Monotonic: they only grow, and live as long as their device or context. Every update is a
 * few additions on numbers and typed arrays, so the data path can afford it per command.
 */
export class IoCounters {
  /** Indexed by the Opcode value; index 0 (unspecified) is never counted. */
  readonly #opcodes: OpcodeCounters[] = [0, 1, 2, 3, 4].map(() => new OpcodeCounters());
  /** Completions per packed status code (`(sct << 8) | sc`). */
  readonly completionsByStatus = new Map<number, number>();

  /** The counters of `opcode`. */
  of(opcode: Opcode): OpcodeCounters {
    return this.#opcodes[opcode] ?? (this.#opcodes[0] as OpcodeCounters);
  }

  /** One command of `nbytes` data bytes was submitted to the device. */
  submitted(opcode: Opcode, nbytes: number): void {
    const counters = this.of(opcode);
    counters.commands++;
    counters.bytes += nbytes;
  }

  /** One command was reaped with status `statusCode` after `latencyNs` on the device. */
  completed(opcode: Opcode, statusCode: number, latencyNs: number): void {
    const counters = this.of(opcode);
    counters.completions++;
    counters.deviceLatency.observe(latencyNs);
    this.completionsByStatus.set(statusCode, (this.completionsByStatus.get(statusCode) ?? 0) + 1);
  }

  /** One completion left for the client `ns` nanoseconds after its Submit arrived. */
  delivered(opcode: Opcode, ns: number): void {
    this.of(opcode).endToEndLatency.observe(ns);
  }
}
