import { status } from "@grpc/grpc-js";
import { RpcInvoker } from "./invoke-rpc.js";

/** Pause between two probe calls, milliseconds. */
const PROBE_INTERVAL_MS = 50;
/** Deadline of a probe call: a probe that needs it waited seconds. */
const PROBE_DEADLINE_MS = 2000;

/**
 * The probe loop of `StallProbe`, in a process of its own so that the load generator's own
 * work does not show as server stalls: `node --import tsx stall-probe-process.ts ADDRESS` calls
 * ListDevices every 50 ms and prints each round trip in ms, one a line, until its stdin closes:
 * -2 for a call that passed its deadline (the machine or the server was slow), -1 for a call
 * that failed otherwise.
 */
const address = process.argv[2];
if (!address) throw new Error("usage: stall-probe-process.ts HOST:PORT");
const invoker = new RpcInvoker(address);
let running = true;
process.stdin.on("end", () => {
  running = false;
});
process.stdin.on("error", () => {
  running = false;
});
process.stdin.resume();
while (running) {
  const outcome = await invoker.invoke(
    "unary",
    "/lightnvm.v1.DeviceService/ListDevices",
    [new Uint8Array(0)],
    PROBE_DEADLINE_MS,
  );
  const line =
    outcome.code === status.OK
      ? outcome.elapsedMs.toFixed(2)
      : outcome.code === status.DEADLINE_EXCEEDED
        ? "-2"
        : "-1";
  process.stdout.write(`${line}\n`);
  await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
}
invoker.close();
