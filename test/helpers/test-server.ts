import { join } from "node:path";
import type { ExecutionContext } from "ava";
import pino from "pino";
import {
  createLnvmClient,
  type LnvmClient,
  type LnvmClientOptions,
} from "../../clients/ts/index.js";
import type { ModelImageOptions } from "../../native/binding/index.js";
import { loadConfig, type ServerConfig } from "../../service/config.js";
import { type LnvmServer, startServer } from "../../service/server.js";
import { GEOMETRIES } from "./geometries.js";
import { createTempImage } from "./temp-device.js";
import { createTempDir } from "./temp-dir.js";

/** A server on an ephemeral loopback port over a fresh model image, and a client of it. */
export interface TestServer {
  readonly server: LnvmServer;
  readonly address: string;
  readonly client: LnvmClient;
  /** Name of the one device. */
  readonly device: string;
  readonly config: ServerConfig;
}

/**
 * Starts a real lnvmd in this process on 127.0.0.1:0 with a fresh image of `geometry`; the
 * client is closed and the server shut down when the test ends. `overrides` are extra flags;
 * `prepareImage` runs on the image before the server opens it (e.g. to inject faults);
 * `clientOptions` configure the client (e.g. its TLS credentials).
 */
export async function startTestServer(
  t: ExecutionContext,
  geometry: ModelImageOptions = GEOMETRIES.small,
  overrides: readonly string[] = [],
  prepareImage?: (image: string) => Promise<void>,
  clientOptions: LnvmClientOptions = {},
): Promise<TestServer> {
  const image = await createTempImage(t, geometry);
  await prepareImage?.(image);
  const config = loadConfig(
    ["--listen", "127.0.0.1:0", "--device", image, "--shutdown-timeout-ms", "5000", ...overrides],
    {},
  );
  if (!config) throw new Error("unexpected --help");
  const server = await startServer(
    config,
    pino({ level: process.env["LNVMD_TEST_LOG"] ?? "silent" }),
  );
  const client = createLnvmClient(server.address, clientOptions);
  t.teardown(async () => {
    client.close();
    await server.shutdown();
  });
  return { server, address: server.address, client, device: "device.img", config };
}

/** A path for a file in a fresh temp dir. */
export async function tempPath(t: ExecutionContext, name: string): Promise<string> {
  return join(await createTempDir(t), name);
}
