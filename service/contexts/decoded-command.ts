import type { CommandTarget, SectorAddress } from "../../native/binding/index.js";

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
  | { readonly op: "erase"; readonly tag: bigint; readonly chunks: readonly SectorAddress[] }
  | {
      readonly op: "copy";
      readonly tag: bigint;
      readonly sources: readonly SectorAddress[];
      readonly destinations: readonly SectorAddress[];
    };
