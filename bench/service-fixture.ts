import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createModelImage, Device } from "../native/binding/index.js";
import { BENCH_GEOMETRY, READ_REGION_NCHUNKS } from "./bench-geometry.js";
import { type ChildServer, startChildServer } from "./child-server.js";
import { type ChunkRegion, RegionAllocator } from "./chunk-region.js";
import { prefillRegion } from "./prefill-region.js";

const SERVICE_MAIN = fileURLToPath(new URL("../service/main.ts", import.meta.url));

/** An lnvmd child process over a bench image whose read region is prefilled. */
export interface ServiceFixture {
  readonly server: ChildServer;
  /** The device's name on the server. */
  readonly device: string;
  /** The CLOSED region reads go to. */
  readonly readRegion: ChunkRegion;
  /** Hands out fresh (FREE) regions for writes. */
  readonly regions: RegionAllocator;
}

/**
 * Creates a bench image in `dir`, prefills its read region through the binding in this process
 * (then closes it), and starts `service/main.ts` on it as a child process on an ephemeral
 * loopback port, logging warnings only. Stop it with `server.stop()`.
 */
export async function startServiceFixture(dir: string): Promise<ServiceFixture> {
  const image = join(dir, "service.img");
  await createModelImage(image, { ...BENCH_GEOMETRY, force: true });
  const device = Device.open(image);
  const regions = new RegionAllocator(device.geometry);
  const readRegion = regions.take(READ_REGION_NCHUNKS);
  try {
    prefillRegion(device, readRegion);
  } finally {
    device.close();
  }
  const readyFile = join(dir, "service.ready.json");
  const server = await startChildServer(
    SERVICE_MAIN,
    [
      "--listen",
      "127.0.0.1:0",
      "--device",
      image,
      "--ready-file",
      readyFile,
      "--log-level",
      "warn",
    ],
    readyFile,
  );
  const devices = server.ready["devices"];
  const name = Array.isArray(devices) && typeof devices[0] === "string" ? devices[0] : undefined;
  if (!name) {
    await server.stop();
    throw new Error("lnvmd's ready file lists no device");
  }
  return { server, device: name, readRegion, regions };
}
