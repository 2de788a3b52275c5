import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import type { Command, Target } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { NO_BYTES } from "./session-wire.js";

/*
 * The commands a ContextHandle sends, built as literals rather than with protobuf-es's
 * `create`: the same messages (every field set, `$typeName` included;
 * `test/clients/session-wire.test.ts` compares them) without its reflective walk, which cost the
 * client about a microsecond per command.
 */

export function readCommand(tag: bigint, target: Target, withMeta: boolean): Command {
  return {
    $typeName: "lightnvm.v1.Command",
    tag,
    op: { case: "read", value: { $typeName: "lightnvm.v1.ReadCommand", target, withMeta } },
  };
}

export function writeCommand(
  tag: bigint,
  target: Target,
  data: Uint8Array,
  meta: Uint8Array = NO_BYTES,
): Command {
  return {
    $typeName: "lightnvm.v1.Command",
    tag,
    op: { case: "write", value: { $typeName: "lightnvm.v1.WriteCommand", target, data, meta } },
  };
}

export function eraseCommand(tag: bigint, chunks: Address[]): Command {
  return {
    $typeName: "lightnvm.v1.Command",
    tag,
    op: { case: "erase", value: { $typeName: "lightnvm.v1.EraseCommand", chunks } },
  };
}

export function copyCommand(tag: bigint, sources: Address[], destinations: Address[]): Command {
  return {
    $typeName: "lightnvm.v1.Command",
    tag,
    op: { case: "copy", value: { $typeName: "lightnvm.v1.CopyCommand", sources, destinations } },
  };
}
