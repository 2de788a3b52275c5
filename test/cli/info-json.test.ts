import test from "ava";
import { NVM_NADDR_MAX } from "../../native/binding/index.js";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("info --json describes one device's geometry and limits", async (t) => {
  const { address, device } = await startTestServer(t);
  const run = await runLnvm(["info", device, "--json"], { address });
  t.is(run.code, 0, run.stderr);
  const info = JSON.parse(run.stdout.toString()) as Record<string, unknown>;
  t.like(info, {
    name: device,
    geometry: { npugrp: 1, npunit: 2, nchunk: 4, nsectr: 32, nbytes: 4096 },
    wsMin: 4,
    mwCunits: 4,
    maxAddressesPerCommand: NVM_NADDR_MAX,
  });
  t.true(typeof info["maxCommandBytes"] === "number" && (info["maxCommandBytes"] as number) > 0);
});

test("info prints the max command as the server states it: bytes, sectors and addresses", async (t) => {
  const { address, device } = await startTestServer(t, undefined, ["--max-command-bytes", "16384"]);
  const run = await runLnvm(["info", device], { address });
  t.is(run.code, 0, run.stderr);
  t.regex(
    run.stdout.toString(),
    new RegExp(`^max command: +16 KiB \\(4 sectors; ${NVM_NADDR_MAX} addresses at most\\)$`, "m"),
  );
});
