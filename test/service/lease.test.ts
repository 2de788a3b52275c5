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

test("polling GetContext does not keep a context alive past its lease", async (t) => {
  const { client, device, server } = await startTestServer(t, GEOMETRIES.small, [
    "--lease-ms",
    "100",
  ]);
  const ctx = await client.init({ device, depth: 4 });
  // A monitor that only describes the context: each call names it, none uses it for I/O.
  let reclaimed: LnvmError | undefined;
  for (let calls = 0; calls < 10_000 && !reclaimed; calls++) {
    reclaimed = await ctx.info().then(
      () => undefined,
      (error: unknown) => error as LnvmError,
    );
  }
  t.is(reclaimed?.reason, "CONTEXT_NOT_FOUND");
  t.is(server.contexts.size, 0);
});

test("a client that keeps poking keeps its context past the lease", async (t) => {
  // Long enough that one Poke round trip on a loaded machine never spans it.
  const leaseMs = 1000;
  const { client, device, server } = await startTestServer(t, GEOMETRIES.small, [
    "--lease-ms",
    String(leaseMs),
  ]);
  const ctx = await client.init({ device, depth: 4 });
  const until = Date.now() + 2.5 * leaseMs;
  while (Date.now() < until) await ctx.poke();
  t.is(server.contexts.size, 1);
  t.like(await ctx.info(), { outstanding: 0 });
});
