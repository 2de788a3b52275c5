import test from "ava";
import { NvmAsyncContext, NvmDevice } from "../../native/binding/index.js";
import { createTempImage, fillPattern } from "../helpers/temp-device.js";

test("completed writes survive close and reopen: write pointer and bytes", async (t) => {
  const path = await createTempImage(t);
  const start = { group: 0, punit: 1, chunk: 1, sector: 0 };
  const count = 16;
  let expected: Buffer;
  {
    const device = NvmDevice.open(path);
    const context = NvmAsyncContext.init<number>(device, 4, () => {});
    const data = device.allocBuffer(count * device.geometry.nbytes);
    fillPattern(data.bytes, 99);
    expected = Buffer.from(data.bytes);
    context.write(1, { mode: "scalar", start, count }, data);
    context.wait();
    context.term();
    data.free();
    device.close();
  }
  const device = NvmDevice.open(path);
  t.teardown(() => device.close());
  t.is(device.reportChunks(start)[0]?.writePointer, count);
  const readable = count - device.mwCunits;
  const context = NvmAsyncContext.init<number>(device, 4, () => {});
  const back = device.allocBuffer(readable * device.geometry.nbytes);
  context.read(2, { mode: "scalar", start, count: readable }, back);
  context.wait();
  context.term();
  t.true(Buffer.from(back.bytes).equals(expected.subarray(0, back.nbytes)));
  back.free();
});
