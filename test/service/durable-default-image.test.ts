import { open } from "node:fs/promises";
import test from "ava";
import pino from "pino";
import { loadConfig } from "../../service/config.js";
import { startServer } from "../../service/server.js";
import { tempPath } from "../helpers/test-server.js";

/** The image superblock's flags word (u32, little-endian) and its durable bit. */
const SB_FLAGS_OFFSET = 136;
const SB_FLAG_DURABLE = 0x1;

async function superblockFlags(path: string): Promise<number> {
  const file = await open(path, "r");
  try {
    const { buffer } = await file.read(Buffer.alloc(4), 0, 4, SB_FLAGS_OFFSET);
    return buffer.readUInt32LE(0);
  } finally {
    await file.close();
  }
}

async function serveDefaultImage(image: string, flags: readonly string[]) {
  const config = loadConfig(
    ["--listen", "127.0.0.1:0", "--image", image, "--geometry", "nchunk=4,nsectr=64", ...flags],
    {},
  );
  if (!config) throw new Error("unexpected --help");
  const server = await startServer(config, pino({ level: "silent" }));
  const served = server.devices.list().map((device) => device.name);
  await server.shutdown();
  return served;
}

test("with --durable the server creates its new default image durable and serves it", async (t) => {
  const image = await tempPath(t, "durable.img");
  t.deepEqual(await serveDefaultImage(image, ["--durable"]), ["durable.img"]);
  t.is((await superblockFlags(image)) & SB_FLAG_DURABLE, SB_FLAG_DURABLE);
});

test("without --durable the new default image is in page-cache mode", async (t) => {
  const image = await tempPath(t, "plain.img");
  await serveDefaultImage(image, []);
  t.is(await superblockFlags(image), 0);
});
