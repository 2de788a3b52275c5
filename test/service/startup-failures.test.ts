import { createServer } from "node:net";
import test from "ava";
import { lnvmdArgs, spawnServerProcess } from "../helpers/lnvmd-process.js";
import { createTempImage } from "../helpers/temp-device.js";
import { startTestServer } from "../helpers/test-server.js";

/** The lines of `lines` that are no JSON log entries. */
function plainLines(lines: readonly string[]): string[] {
  return lines.filter((line) => !line.startsWith("{"));
}

test("a second server on an image another lnvmd holds exits 1 with one JSON line saying so, no stack", async (t) => {
  const { config } = await startTestServer(t);
  const [image = ""] = config.devices;
  const second = spawnServerProcess(
    t,
    process.execPath,
    lnvmdArgs(["--listen", "127.0.0.1:0", "--device", image]),
  );
  t.is(await second.exited, 1);
  await second.closed;
  const message = `image ${image} is held by another lnvmd (EBUSY)`;
  // JSON log lines, and one plain line for readers without a JSON viewer (in either order: pino
  // writes asynchronously).
  t.deepEqual(plainLines(second.lines), [`lnvmd: could not start: ${message}`]);
  const fatal = second.logs.filter((l) => l["level"] === 60);
  t.is(fatal.length, 1);
  t.like(fatal[0], { msg: message, code: "EBUSY" });
  t.false(second.lines.some((line) => line.includes("stack")));
});

test("a listen address already in use exits 1 with JSON log lines naming the address", async (t) => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  t.teardown(() => taken.close());
  const { port } = taken.address() as { port: number };
  const image = await createTempImage(t);
  const server = spawnServerProcess(
    t,
    process.execPath,
    lnvmdArgs(["--listen", `127.0.0.1:${port}`, "--device", image]),
  );
  t.is(await server.exited, 1);
  await server.closed;
  const message = `cannot listen on 127.0.0.1:${port}: the address is in use, by another lnvmd or another program (EADDRINUSE)`;
  // grpc-js's own line is JSON too: the one plain line is the summary.
  t.deepEqual(plainLines(server.lines), [`lnvmd: could not start: ${message}`]);
  t.like(
    server.logs.find((l) => l["level"] === 60),
    { msg: message, code: "EADDRINUSE" },
  );
});
