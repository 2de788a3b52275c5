import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import type { NvmSectorAddress } from "../../native/binding/index.js";
import type { DecodedCommand } from "../contexts/decoded-command.js";
import { StorageError } from "../errors.js";
import type { ChunkLocation } from "./access-policy.js";
import type { Right } from "./policy-file.js";
import type { Principal } from "./principal.js";

/** The right each command needs on every chunk it addresses (a copy: on both sides). */
const RIGHT_OF: Record<DecodedCommand["op"], Right> = {
  read: "read",
  write: "write",
  erase: "erase",
  copy: "copy",
};

function addressesOf(command: DecodedCommand): readonly NvmSectorAddress[] {
  switch (command.op) {
    case "read":
    case "write":
      // A scalar target stays within the chunk of its start.
      return command.target.mode === "scalar" ? [command.target.start] : command.target.addresses;
    case "erase":
      return command.chunks;
    case "copy":
      return [...command.sources, ...command.destinations];
  }
}

function formatAddress(a: NvmSectorAddress): string {
  return `${a.group}/${a.punit}/${a.chunk}/${a.sector}`;
}

/**
 * Refuses a batch of validated commands unless `principal` holds, on `device`, the right each
 * command needs on every chunk it addresses (read, write, erase; a copy needs copy on its
 * sources and its destinations, so it cannot cross into another partition). Call it after
 * decoding and before anything reaches the device: it throws PERMISSION_DENIED naming the
 * first offending command's index and address and submits nothing. Under the open policy it
 * returns at once.
 */
export function authorizeCommands(
  principal: Principal,
  device: { readonly name: string },
  commands: readonly DecodedCommand[],
): void {
  const policy = principal.access.current;
  if (policy.open) return;
  const checks = new Map<Right, (at: ChunkLocation) => boolean>();
  for (const [index, command] of commands.entries()) {
    const right = RIGHT_OF[command.op];
    let permits = checks.get(right);
    if (!permits) {
      permits = policy.chunkCheck(principal, device.name, right);
      checks.set(right, permits);
    }
    for (const address of addressesOf(command)) {
      if (permits(address)) continue;
      const at = formatAddress(address);
      throw new StorageError(
        ErrorReason.PERMISSION_DENIED,
        `commands[${index}]: ${principal.id} may not ${right} chunk ${address.group}/${address.punit}/${address.chunk} of device ${device.name} (address ${at})`,
        {
          metadata: {
            principal: principal.id,
            device: device.name,
            command_index: String(index),
            address: at,
            right,
          },
        },
      );
    }
  }
}
