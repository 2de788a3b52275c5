import { connect } from "node:net";
import test from "ava";
import { spawnServerProcess } from "../helpers/lnvmd-process.js";
import { createTempImage } from "../helpers/temp-device.js";

/** Resolves with the error code of a TCP connection to `address`, or "connected". */
function tryConnect(address: string): Promise<string> {
  const colon = address.lastIndexOf(":");
  return new Promise((resolve) => {
    const socket = connect(Number(address.slice(colon + 1)), address.slice(0, colon));
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

test("SIGTERM to the npm start process stops the server it started", async (t) => {
  const image = await createTempImage(t);
  const npm = spawnServerProcess(t, "npm", [
    "start",
    "--",
    "--listen",
    "127.0.0.1:0",
    "--device",
    image,
  ]);
  const address = await npm.serving;
  npm.child.kill("SIGTERM");
  await npm.exited;
  t.is(await tryConnect(address), "ECONNREFUSED");
});
