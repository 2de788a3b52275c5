import test from "ava";
import { GEOMETRIES } from "../helpers/geometries.js";
import { emptyFieldFlood, RawClient } from "../helpers/raw-call.js";
import { startTestServer } from "../helpers/test-server.js";

const LIST_DEVICES = "/lightnvm.v1.DeviceService/ListDevices";
const FLOOD_NBYTES = 16 * 1024 * 1024 - 64;
/** Deadline of each of the other client's calls: a flood used to stall the server 3–6 s. */
const PROBE_DEADLINE_MS = 2000;

test("16 MiB floods on GetDevice and Submit get INVALID_ARGUMENT while another client's calls keep their deadlines", async (t) => {
  const { address } = await startTestServer(t, GEOMETRIES.small, [
    "--max-request-bytes",
    String(16 * 1024 * 1024),
  ]);
  const flooder = new RawClient(address);
  const other = new RawClient(address);
  t.teardown(() => {
    flooder.close();
    other.close();
  });
  const flood = emptyFieldFlood(FLOOD_NBYTES);
  const floods = Promise.all(
    ["DeviceService/GetDevice", "AsyncContextService/Submit"].flatMap((method) =>
      [1, 2].map(() => flooder.unary(`/lightnvm.v1.${method}`, flood, 30_000)),
    ),
  );
  let floodsDone = false;
  void floods.then(() => {
    floodsDone = true;
  });
  let probes = 0;
  while (!floodsDone || probes < 20) {
    const outcome = await other.unary(LIST_DEVICES, new Uint8Array(0), PROBE_DEADLINE_MS);
    if (!outcome.ok) t.fail(`ListDevices failed: ${outcome.error.message}`);
    probes++;
  }
  for (const outcome of await floods) {
    t.false(outcome.ok);
    if (!outcome.ok) t.is(outcome.error.codeName, "INVALID_ARGUMENT");
  }
});
