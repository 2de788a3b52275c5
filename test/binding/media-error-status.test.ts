import test from "ava";
import { createRecordingContext, createTempDevice } from "../helpers/temp-device.js";

test("an out-of-order write is accepted at submission and completes with status 0x2F2", async (t) => {
  const device = await createTempDevice(t);
  const { context, completions } = createRecordingContext<string>(t, device, 4);
  const data = device.allocBuffer(device.wsMin * device.geometry.nbytes);
  t.teardown(() => data.free());
  const start = { group: 0, punit: 0, chunk: 0, sector: device.wsMin };
  t.notThrows(() => context.write("ahead", { mode: "scalar", start, count: device.wsMin }, data));
  context.wait();
  t.is(completions.length, 1);
  const [completion] = completions;
  t.is(completion?.tag, "ahead");
  t.deepEqual(completion?.status, { code: 0x2f2, sct: 0x2, sc: 0xf2, name: "OUT_OF_ORDER_WRITE" });
  const [chunk] = device.reportChunks({ group: 0, punit: 0, chunk: 0, sector: 0 });
  t.is(chunk?.writePointer, 0);
});

test("a reset of an open chunk completes with status 0x2C1", async (t) => {
  const device = await createTempDevice(t);
  const { context, completions } = createRecordingContext<string>(t, device, 4);
  const data = device.allocBuffer(device.wsMin * device.geometry.nbytes);
  t.teardown(() => data.free());
  const chunk = { group: 0, punit: 0, chunk: 1, sector: 0 };
  context.write("open", { mode: "scalar", start: chunk, count: device.wsMin }, data);
  context.erase("reset", [chunk]);
  context.wait();
  t.deepEqual(
    completions.map((c) => [c.tag, c.status.name]),
    [
      ["open", "SUCCESS"],
      ["reset", "INVALID_RESET"],
    ],
  );
});
