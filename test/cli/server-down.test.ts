import { once } from "node:events";
import { createServer } from "node:net";
import test from "ava";
import { runLnvm } from "./helpers/run-lnvm.js";

test("a server that is down exits 1 saying it cannot be reached", async (t) => {
  // A port that was just free: nothing listens on it.
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");

  const run = await runLnvm(["devices"], { address: `127.0.0.1:${port}` });
  t.is(run.code, 1);
  t.regex(run.stderr, new RegExp(`cannot reach lnvmd at 127\\.0\\.0\\.1:${port}: `));
});
