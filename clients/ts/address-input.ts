import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import type { Target } from "../../gen/ts/lightnvm/v1/command_pb.js";

/** An OCSSD 2.0 sector address by fields. */
export interface SectorAddressInput {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  readonly sector: number;
}

/** A sector address: its fields, or the raw 64-bit generic form. */
export type AddressInput = SectorAddressInput | bigint;

/** Where a read or write goes: one address per sector, or `count` sectors from `start`. */
export type TargetInput =
  | readonly AddressInput[]
  | { readonly start: AddressInput; readonly count: number };

/** The proto Address of `input` (a literal, as in command-messages.ts). */
export function toAddress(input: AddressInput): Address {
  return typeof input === "bigint"
    ? { $typeName: "lightnvm.v1.Address", form: { case: "raw", value: input } }
    : {
        $typeName: "lightnvm.v1.Address",
        form: {
          case: "sector",
          value: {
            $typeName: "lightnvm.v1.SectorAddress",
            group: input.group,
            punit: input.punit,
            chunk: input.chunk,
            sector: input.sector,
          },
        },
      };
}

/** The proto Target of `input`, and how many sectors it covers. */
export function toTarget(input: TargetInput): { target: Target; nsectors: number } {
  if (Array.isArray(input)) {
    const addresses = (input as readonly AddressInput[]).map(toAddress);
    return {
      target: {
        $typeName: "lightnvm.v1.Target",
        mode: { case: "vector", value: { $typeName: "lightnvm.v1.VectorTarget", addresses } },
      },
      nsectors: addresses.length,
    };
  }
  const { start, count } = input as { start: AddressInput; count: number };
  return {
    target: {
      $typeName: "lightnvm.v1.Target",
      mode: {
        case: "scalar",
        value: {
          $typeName: "lightnvm.v1.ScalarTarget",
          start: toAddress(start),
          sectorCount: count,
        },
      },
    },
    nsectors: count,
  };
}
