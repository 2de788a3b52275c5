import { performance } from "node:perf_hooks";
import { Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import type { NvmCommandStatus } from "../../native/binding/index.js";
import type { DecodedCommand } from "../contexts/decoded-command.js";
import { IoCounters } from "./io-counters.js";

/** What `delivered` needs of a completion: its sequence, opcode and when it arrived. */
export interface DeliveredCompletion {
  /** Per-context sequence number, from 1 in reap order. */
  readonly sequence: number;
  readonly opcode: Opcode;
  /** `performance.now()` when the Submit that carried the command reached the service. */
  readonly receivedMs: number;
}

const OPCODE_OF = {
  read: Opcode.READ,
  write: Opcode.WRITE,
  erase: Opcode.ERASE,
  copy: Opcode.COPY,
};

/**
 * The data path's one entry point into the statistics: a context calls `submitted`,
 * `completed` and `delivered` once per command, and each updates the context's own counters
 * and its device's.
 */
export class ContextStats {
  /** This context's counters. */
  readonly own = new IoCounters();
  readonly #device: IoCounters;
  /** The counters of the owner's principal label on the device (see `countForPrincipal`). */
  #principal: IoCounters = new IoCounters();
  /** The owner's principal label; empty until `countForPrincipal`. */
  #principalLabel = "";
  readonly #sectorNbytes: number;
  /** Sequence of the newest completion counted as delivered. */
  #deliveredThrough = 0;

  /** `device` receives every update too; `sectorNbytes` is the device's sector size. */
  constructor(device: IoCounters, sectorNbytes: number) {
    this.#device = device;
    this.#sectorNbytes = sectorNbytes;
  }

  /**
   * Also counts every update in `counters`, the device's counters of the owner's principal
   * `label`; called once, when the context is created, so the data path never looks a label up.
   */
  countForPrincipal(label: string, counters: IoCounters): void {
    this.#principalLabel = label;
    this.#principal = counters;
  }

  /** The owner's principal label its I/O is counted under. */
  get principalLabel(): string {
    return this.#principalLabel;
  }

  /** Hook: `command` was submitted to the device. */
  submitted(command: DecodedCommand): void {
    let nbytes = 0;
    if (command.op === "read") nbytes = command.naddrs * this.#sectorNbytes;
    else if (command.op === "write") nbytes = command.data.byteLength;
    else if (command.op === "copy") nbytes = command.sources.length * this.#sectorNbytes;
    const opcode = OPCODE_OF[command.op];
    this.own.submitted(opcode, nbytes);
    this.#device.submitted(opcode, nbytes);
    this.#principal.submitted(opcode, nbytes);
  }

  /** Hook: a command of `opcode` was reaped with `status` after `latencyNs` on the device. */
  completed(opcode: Opcode, status: NvmCommandStatus, latencyNs: number): void {
    this.own.completed(opcode, status.code, latencyNs);
    this.#device.completed(opcode, status.code, latencyNs);
    this.#principal.completed(opcode, status.code, latencyNs);
  }

  /**
   * Hook: `batch` (in sequence order) left for the client: written to its session or stream,
   * or returned by Poke or Wait. A completion sent again (to a reattached consumer, or by an
   * acknowledged Poke) counts once, the first time.
   */
  delivered(batch: readonly DeliveredCompletion[]): void {
    const nowMs = performance.now();
    for (const completion of batch) {
      if (completion.sequence <= this.#deliveredThrough) continue;
      this.#deliveredThrough = completion.sequence;
      const ns = (nowMs - completion.receivedMs) * 1e6;
      this.own.delivered(completion.opcode, ns);
      this.#device.delivered(completion.opcode, ns);
      this.#principal.delivered(completion.opcode, ns);
    }
  }
}
