import type { LnvmClient } from "../../clients/ts/index.js";
import { fillPattern } from "./temp-device.js";

/** A chunk written with known data before a run that must not touch it. */
export interface CanaryChunk {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  /** Sectors written from sector 0. */
  readonly sectors: number;
  readonly data: Uint8Array;
}

/** Geometry facts the canary needs. */
export interface CanaryGeometry {
  readonly npunit: number;
  readonly nsectr: number;
  readonly nbytes: number;
  readonly wsOpt: number;
  readonly mwCunits: number;
}

/** Sectors per write or read command. */
const SECTORS_PER_COMMAND = 16;

/**
 * Writes two canary chunks on parallel unit `punit` of group 0: chunk 0 full (CLOSED) and
 * chunk 1 half (OPEN), with data derived from `seed`, through a context it then terminates.
 */
export async function writeCanaries(
  client: LnvmClient,
  device: string,
  geometry: CanaryGeometry,
  punit: number,
  seed: number,
): Promise<CanaryChunk[]> {
  const canaries: CanaryChunk[] = [0, 1].map((chunk) => {
    const sectors = chunk === 0 ? geometry.nsectr : geometry.nsectr / 2;
    const data = new Uint8Array(sectors * geometry.nbytes);
    fillPattern(data, seed + chunk);
    return { group: 0, punit, chunk, sectors, data };
  });
  const ctx = await client.init({ device, depth: 16 });
  try {
    for (const canary of canaries) {
      for (let sector = 0; sector < canary.sectors; sector += SECTORS_PER_COMMAND) {
        const count = Math.min(SECTORS_PER_COMMAND, canary.sectors - sector);
        const slice = canary.data.subarray(
          sector * geometry.nbytes,
          (sector + count) * geometry.nbytes,
        );
        const done = await ctx.write({ start: { ...canary, sector }, count }, slice);
        if (done.status?.name !== "SUCCESS") {
          throw new Error(`canary write ${canary.chunk}/${sector}: ${done.status?.name}`);
        }
      }
    }
  } finally {
    await ctx.term();
  }
  return canaries;
}

/**
 * Reads the canaries back; returns what differs (empty when every byte and write pointer is as
 * written). Sectors of an open chunk within `mwCunits` of its write pointer are not readable yet
 * and are not compared.
 */
export async function checkCanaries(
  client: LnvmClient,
  device: string,
  geometry: CanaryGeometry,
  canaries: readonly CanaryChunk[],
): Promise<string[]> {
  const problems: string[] = [];
  const reported = new Map<string, bigint>();
  for (const canary of canaries) {
    const pu = canary.group * geometry.npunit + canary.punit;
    for await (const chunk of client.reportChunks(device, { puBegin: pu, puEnd: pu + 1 })) {
      reported.set(`${chunk.group}/${chunk.punit}/${chunk.chunk}`, chunk.writePointer);
    }
  }
  const ctx = await client.init({ device, depth: 16 });
  try {
    for (const canary of canaries) {
      const name = `${canary.group}/${canary.punit}/${canary.chunk}`;
      const wp = reported.get(name);
      if (wp !== BigInt(canary.sectors)) {
        problems.push(`canary ${name}: write pointer ${wp}, expected ${canary.sectors}`);
      }
      const readable =
        canary.sectors === geometry.nsectr ? canary.sectors : canary.sectors - geometry.mwCunits;
      for (let sector = 0; sector < readable; sector += SECTORS_PER_COMMAND) {
        const count = Math.min(SECTORS_PER_COMMAND, readable - sector);
        const back = await ctx.read({ start: { ...canary, sector }, count });
        const expected = canary.data.subarray(
          sector * geometry.nbytes,
          (sector + count) * geometry.nbytes,
        );
        if (back.status?.name !== "SUCCESS" || !Buffer.from(back.data).equals(expected)) {
          problems.push(
            `canary ${name} sectors ${sector}..${sector + count - 1}: ${back.status?.name}, data differs`,
          );
          break;
        }
      }
    }
  } finally {
    await ctx.term();
  }
  return problems;
}
