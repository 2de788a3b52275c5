import test from "ava";
import { startTestServer } from "../helpers/test-server.js";
import { runLnvm } from "./helpers/run-lnvm.js";

test("devices --json lists the server's device with its geometry", async (t) => {
  const { address } = await startTestServer(t);
  const run = await runLnvm(["devices", "--json"], { address });
  t.is(run.code, 0, run.stderr);
  const devices = JSON.parse(run.stdout.toString()) as Record<string, unknown>[];
  t.is(devices.length, 1);
  t.like(devices[0], {
    name: "device.img",
    geometry: { npugrp: 1, npunit: 2, nchunk: 4, nsectr: 32, nbytes: 4096 },
    wsMin: 4,
    mwCunits: 4,
    capacityBytes: 1 * 2 * 4 * 32 * 4096,
  });
});
