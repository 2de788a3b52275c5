import { create } from "@bufbuild/protobuf";
import {
  type CommandStatus,
  CommandStatusSchema,
  type Completion,
  CompletionSchema,
  type Opcode,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import type { DmaBuffer, NvmCommandStatus } from "../../native/binding/index.js";

/**
 * A completion reaped from the device and held until acknowledged. Read data stays in its DMA
 * buffer until then, so it is copied once per delivery: into the wire buffer of a session or
 * stream message, or into a Poke/Wait response. The buffers return to the context's pool when
 * the completion is acknowledged.
 */
export interface ReapedCompletion {
  readonly tag: bigint;
  /** Per-context sequence number, from 1 in reap order. */
  readonly sequence: number;
  readonly opcode: Opcode;
  readonly status: NvmCommandStatus;
  readonly result: bigint;
  readonly latencyNs: number;
  /** Stats: `performance.now()` when the Submit that carried the command arrived. */
  readonly receivedMs: number;
  /** Read data (successful reads only), `nbytes` of it valid. */
  readonly data: DmaBuffer | undefined;
  /** Read metadata (successful reads with meta only). */
  readonly meta: DmaBuffer | undefined;
  /** Bytes charged to the context's and the server's held-bytes budgets until released. */
  readonly heldNbytes: number;
}

const EMPTY = new Uint8Array(0);
const statusMessages = new Map<number, CommandStatus>();

/** The proto CommandStatus of `status`, shared per code. */
export function statusMessage(status: NvmCommandStatus): CommandStatus {
  let message = statusMessages.get(status.code);
  if (!message) {
    message = create(CommandStatusSchema, status);
    statusMessages.set(status.code, message);
  }
  return message;
}

/** The proto Completion of `reaped`, with copies of its data (the DMA buffers are reused). */
export function toCompletionMessage(reaped: ReapedCompletion): Completion {
  return create(CompletionSchema, {
    tag: reaped.tag,
    sequence: BigInt(reaped.sequence),
    opcode: reaped.opcode,
    status: statusMessage(reaped.status),
    result: reaped.result,
    data: reaped.data ? Buffer.from(reaped.data.bytes) : EMPTY,
    meta: reaped.meta ? Buffer.from(reaped.meta.bytes) : EMPTY,
    deviceLatencyNs: BigInt(reaped.latencyNs),
  });
}
