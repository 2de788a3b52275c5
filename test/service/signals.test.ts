import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import test, { type ExecutionContext } from "ava";
import { createLnvmClient } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { createTempImage } from "../helpers/temp-device.js";

const MAIN = fileURLToPath(new URL("../../service/main.ts", import.meta.url));
const G = GEOMETRIES.small;

/** Starts `service/main.ts` as a child process; resolves with its address once it serves. */
async function startServerProcess(t: ExecutionContext, image: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "--listen", "127.0.0.1:0", "--device", image],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  t.teardown(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const lines = createInterface({ input: child.stderr });
  const logs: Record<string, unknown>[] = [];
  const address = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry["msg"] === "serving") resolve(entry["address"] as string);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, address, logs };
}

test("SIGTERM drains in-flight I/O to the completion stream, then the server exits 0", async (t) => {
  const image = await createTempImage(t, G);
  const { child, address, logs } = await startServerProcess(t, image);
  const client = createLnvmClient(address);
  t.teardown(() => client.close());
  const ctx = await client.init({ device: "device.img", depth: 32 });
  const writes = Array.from({ length: 32 }, (_, i) =>
    ctx.write(
      {
        start: {
          group: 0,
          punit: i % 2,
          chunk: Math.floor(i / 2) % 4,
          sector: Math.floor(i / 8) * G.wsMin,
        },
        count: G.wsMin,
      },
      new Uint8Array(G.wsMin * G.nbytes),
    ),
  );
  // Once the first completion arrived, the batch reached the device: stop the server now.
  await Promise.race(writes);
  child.kill("SIGTERM");
  const results = await Promise.allSettled(writes);
  t.true(results.every((r) => r.status === "fulfilled" && r.value.status?.code === 0));
  const [code] = await once(child, "exit");
  t.is(code, 0);
  t.true(logs.some((l) => l["msg"] === "shut down" && l["clean"] === true));
});
