import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LnvmClientOptions } from "../clients/ts/index.js";
import { createModelImage, NvmDevice } from "../native/binding/index.js";
import { BENCH_GEOMETRY, READ_REGION_NCHUNKS } from "./bench-geometry.js";
import { type ChildServer, startChildServer } from "./child-server.js";
import { type ChunkRegion, RegionAllocator } from "./chunk-region.js";
import { prefillRegion } from "./prefill-region.js";

const SERVICE_MAIN = fileURLToPath(new URL("../service/main.ts", import.meta.url));

/** A bench image whose read region is prefilled, served by one lnvmd process after another. */
export interface ServiceImage {
  readonly path: string;
  /** The CLOSED region reads go to. */
  readonly readRegion: ChunkRegion;
  /** Hands out fresh (FREE) regions for writes, across every server on the image. */
  readonly regions: RegionAllocator;
}

/** An lnvmd child process over a `ServiceImage`. */
export interface ServiceFixture extends ServiceImage {
  readonly server: ChildServer;
  /** The device's name on the server. */
  readonly device: string;
  /** How clients connect (TLS material for a TLS fixture). */
  readonly clientOptions: LnvmClientOptions;
}

/**
 * Creates a bench image `NAME.img` in `dir` and prefills its read region through the binding
 * in this process (then closes it).
 */
export async function prepareServiceImage(dir: string, name = "service"): Promise<ServiceImage> {
  const path = join(dir, `${name}.img`);
  await createModelImage(path, { ...BENCH_GEOMETRY, force: true });
  const device = NvmDevice.open(path);
  const regions = new RegionAllocator(device.geometry);
  const readRegion = regions.take(READ_REGION_NCHUNKS);
  try {
    prefillRegion(device, readRegion);
  } finally {
    device.close();
  }
  return { path, readRegion, regions };
}

/**
 * Starts `service/main.ts` on `image` as a child process listening on `listen` (host:port, or
 * unix:PATH), logging warnings only; its ready file goes into `dir`, named after the image. One
 * server at a time per image (the device is opened exclusively). Stop it with `server.stop()`.
 */
export async function startServiceFixture(
  image: ServiceImage,
  listen: string,
  dir: string,
  /** Extra lnvmd flags (TLS, metrics) and the client options that go with them. */
  extra: { flags?: readonly string[]; clientOptions?: LnvmClientOptions } = {},
): Promise<ServiceFixture> {
  const readyFile = join(dir, `${basename(image.path)}.ready.json`);
  const server = await startChildServer(
    SERVICE_MAIN,
    [
      "--listen",
      listen,
      "--device",
      image.path,
      "--ready-file",
      readyFile,
      "--log-level",
      "warn",
      ...(extra.flags ?? []),
    ],
    readyFile,
  );
  const devices = server.ready["devices"];
  const name = Array.isArray(devices) && typeof devices[0] === "string" ? devices[0] : undefined;
  if (!name) {
    await server.stop();
    throw new Error("lnvmd's ready file lists no device");
  }
  return { ...image, server, device: name, clientOptions: extra.clientOptions ?? {} };
}
