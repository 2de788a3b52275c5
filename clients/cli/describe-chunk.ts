import { ChunkState, type Device, type LnvmClient } from "../ts/index.js";

/** A chunk by position. */
export interface ChunkAddress {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
}

/** `g/p/c`. */
export function formatChunk(chunk: ChunkAddress): string {
  return `${chunk.group}/${chunk.punit}/${chunk.chunk}`;
}

/**
 * One line on a chunk's current state, for explaining a failed command, e.g. "chunk 0/0/0 is
 * OPEN, write pointer 8 of 32". Asks the server for that PU's report; returns undefined if it
 * cannot (the explanation is a courtesy, never the error itself).
 */
export async function describeChunk(
  client: LnvmClient,
  device: Device,
  address: ChunkAddress,
): Promise<string | undefined> {
  const pu = address.group * (device.geometry?.npunit ?? 0) + address.punit;
  try {
    for await (const chunk of client.reportChunks(device.name, { puBegin: pu, puEnd: pu + 1 })) {
      if (chunk.chunk !== address.chunk) continue;
      const state = ChunkState[chunk.state] ?? `state ${chunk.state}`;
      return `chunk ${formatChunk(address)} is ${state}, write pointer ${chunk.writePointer} of ${chunk.sectorCount}`;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
