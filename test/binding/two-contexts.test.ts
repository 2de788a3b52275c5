import test from "ava";
import { createRecordingContext, createTempDevice } from "../helpers/temp-device.js";

test("two contexts on one device route their completions to their own sinks", async (t) => {
  const device = await createTempDevice(t);
  const a = createRecordingContext<string>(t, device, 8);
  const b = createRecordingContext<string>(t, device, 8);
  const data = device.allocBuffer(device.wsMin * device.geometry.nbytes);
  t.teardown(() => data.free());
  for (let i = 0; i < 4; i++) {
    const start = (punit: number) => ({ group: 0, punit, chunk: 0, sector: i * device.wsMin });
    a.context.write(`a${i}`, { mode: "scalar", start: start(0), count: device.wsMin }, data);
    b.context.write(`b${i}`, { mode: "scalar", start: start(1), count: device.wsMin }, data);
  }
  t.is(b.context.wait(), 4);
  t.is(a.context.wait(), 4);
  t.deepEqual(
    a.completions.map((c) => c.tag),
    ["a0", "a1", "a2", "a3"],
  );
  t.deepEqual(
    b.completions.map((c) => c.tag),
    ["b0", "b1", "b2", "b3"],
  );
  t.true([...a.completions, ...b.completions].every((c) => c.status.code === 0));
});
