import test from "ava";
import { createLnvmClient } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startServerProcess } from "../helpers/lnvmd-process.js";
import { createTempImage } from "../helpers/temp-device.js";

const G = GEOMETRIES.small;

test("SIGTERM drains in-flight I/O to the completion stream, then the server exits 0", async (t) => {
  const image = await createTempImage(t, G);
  const { child, address, logs, exited, closed } = await startServerProcess(t, image);
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
  t.is(await exited, 0);
  await closed;
  t.true(logs.some((l) => l["msg"] === "shut down" && l["clean"] === true));
});
