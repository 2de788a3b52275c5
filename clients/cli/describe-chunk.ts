import { type ChunkDescriptor, ChunkState, type Device, type LnvmClient } from "../ts/index.js";

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
 * The chunk's descriptor, from the server's report of its PU; undefined if the server cannot
 * say (explaining a failure is a courtesy, never the error itself).
 */
export async function findChunk(
  client: LnvmClient,
  device: Device,
  address: ChunkAddress,
): Promise<ChunkDescriptor | undefined> {
  const pu = address.group * (device.geometry?.npunit ?? 0) + address.punit;
  try {
    for await (const chunk of client.reportChunks(device.name, { puBegin: pu, puEnd: pu + 1 })) {
      if (chunk.chunk === address.chunk) return chunk;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** One line on a chunk's state, e.g. "chunk 0/0/0 is OPEN, write pointer 8 of 32". */
export function formatChunkState(chunk: ChunkDescriptor): string {
  const state = ChunkState[chunk.state] ?? `state ${chunk.state}`;
  return `chunk ${formatChunk(chunk)} is ${state}, write pointer ${chunk.writePointer} of ${chunk.sectorCount}`;
}

/**
 * One line on a chunk's current state, for explaining a failed command (see `formatChunkState`);
 * undefined if the server cannot say.
 */
export async function describeChunk(
  client: LnvmClient,
  device: Device,
  address: ChunkAddress,
): Promise<string | undefined> {
  const chunk = await findChunk(client, device, address);
  return chunk && formatChunkState(chunk);
}
