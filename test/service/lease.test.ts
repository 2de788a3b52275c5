import test from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

test("a context whose client went away is reclaimed after its idle lease", async (t) => {
  const { client, device, server } = await startTestServer(t, GEOMETRIES.small, [
    "--lease-ms",
    "50",
  ]);
  const ctx = await client.init({ device, depth: 4 });
  t.is(server.contexts.size, 1);
  // The client stops calling. Wait for the sweep, observing only the registry (no RPC renews it).
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (server.contexts.size === 0) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  const error = await t.throwsAsync(ctx.info(), { instanceOf: LnvmError });
  t.is(error?.reason, "CONTEXT_NOT_FOUND");
});
