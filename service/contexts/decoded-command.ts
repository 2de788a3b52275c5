import type { CommandTarget, NvmGeometry, NvmSectorAddress } from "../../native/binding/index.js";

/**
 * A Submit command after validation: addresses decoded and bounds checked, so submitting it
 * cannot fail for a reason the client could have been told about.
 */
export type DecodedCommand =
  | {
      readonly op: "read";
      readonly tag: bigint;
      readonly target: CommandTarget;
      readonly naddrs: number;
      readonly withMeta: boolean;
    }
  | {
      readonly op: "write";
      readonly tag: bigint;
      readonly target: CommandTarget;
      readonly naddrs: number;
      readonly data: Uint8Array;
      readonly meta: Uint8Array | undefined;
    }
  | { readonly op: "erase"; readonly tag: bigint; readonly chunks: readonly NvmSectorAddress[] }
  | {
      readonly op: "copy";
      readonly tag: bigint;
      readonly sources: readonly NvmSectorAddress[];
      readonly destinations: readonly NvmSectorAddress[];
    };

/**
 * Bytes of DMA buffers `command` holds: its read data and metadata until the completion is
 * acknowledged, its write data and metadata until it completes; none for erase and copy.
 */
export function commandHeldNbytes(command: DecodedCommand, geometry: NvmGeometry): number {
  switch (command.op) {
    case "read":
      return (
        command.naddrs *
        (geometry.nbytes + (command.withMeta && geometry.nbytesOob > 0 ? geometry.nbytesOob : 0))
      );
    case "write":
      return command.data.byteLength + (command.meta?.byteLength ?? 0);
    default:
      return 0;
  }
}

/** Bytes `commands` hold together (`commandHeldNbytes`). */
export function batchHeldNbytes(
  commands: readonly DecodedCommand[],
  geometry: NvmGeometry,
): number {
  let n = 0;
  for (const command of commands) n += commandHeldNbytes(command, geometry);
  return n;
}
