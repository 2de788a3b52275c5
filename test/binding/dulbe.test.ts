import test from "ava";
import { createRecordingContext, createTempDevice, fillPattern } from "../helpers/temp-device.js";

test("reads of unwritten sectors return zero bytes with DULBE off and fail with 0x287 with it on", async (t) => {
  const device = await createTempDevice(t);
  const { context, completions } = createRecordingContext<string>(t, device, 4);
  const buf = device.allocBuffer(device.wsMin * device.geometry.nbytes);
  t.teardown(() => buf.free());
  const target = {
    mode: "scalar",
    start: { group: 0, punit: 0, chunk: 0, sector: 0 },
    count: device.wsMin,
  } as const;

  t.false(device.getDulbe());
  fillPattern(buf.bytes, 3);
  context.read("off", target, buf);
  context.wait();
  t.true(buf.bytes.every((b) => b === 0));

  device.setDulbe(true);
  t.true(device.getDulbe());
  context.read("on", target, buf);
  context.wait();
  t.deepEqual(
    completions.map((c) => [c.tag, c.status.name]),
    [
      ["off", "SUCCESS"],
      ["on", "UNWRITTEN_BLOCK"],
    ],
  );
});
