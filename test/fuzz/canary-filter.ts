import { type DescMessage, fromBinary } from "@bufbuild/protobuf";
import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import type { Command } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { decodeAddress } from "../../native/binding/index.js";
import type { CanaryChunk } from "../helpers/canary-chunks.js";

function chunkOf(address: Address | undefined): string | undefined {
  const form = address?.form;
  if (form?.case === "raw") {
    const a = decodeAddress(form.value);
    return `${a.group}/${a.punit}/${a.chunk}`;
  }
  if (form?.case === "sector") return `${form.value.group}/${form.value.punit}/${form.value.chunk}`;
  return undefined;
}

/**
 * Whether a request of type `desc` carrying commands (a Submit, a Session message), if the
 * server accepted it, would write or reset a canary chunk: a fuzzer that did so itself would
 * prove nothing about the server. Requests that do not decode, or carry no commands, cannot.
 */
export function commandsTouchCanary(
  bytes: Uint8Array,
  desc: DescMessage,
  canaries: readonly CanaryChunk[],
): boolean {
  const names = new Set(canaries.map((c) => `${c.group}/${c.punit}/${c.chunk}`));
  let request: { commands?: Command[] };
  try {
    request = fromBinary(desc, bytes, { readUnknownFields: false }) as { commands?: Command[] };
  } catch {
    return false;
  }
  const touched = (address: Address | undefined) => {
    const chunk = chunkOf(address);
    return chunk !== undefined && names.has(chunk);
  };
  for (const command of request.commands ?? []) {
    const op = command.op;
    if (op.case === "write") {
      const mode = op.value.target?.mode;
      if (mode?.case === "scalar" && touched(mode.value.start)) return true;
      if (mode?.case === "vector" && mode.value.addresses.some(touched)) return true;
    } else if (op.case === "erase" && op.value.chunks.some(touched)) {
      return true;
    } else if (op.case === "copy" && op.value.destinations.some(touched)) {
      return true;
    }
  }
  return false;
}
