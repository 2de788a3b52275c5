import test from "ava";
import { NvmAsyncContext, NvmDevice } from "../../native/binding/index.js";
import { createTempImage, fillPattern } from "../helpers/temp-device.js";

test("on a durable image 32 writes in flight at once all complete and read back after reopen", async (t) => {
  const path = await createTempImage(t, {
    npugrp: 2,
    npunit: 2,
    nchunk: 8,
    nsectr: 64,
    mwCunits: 0,
    durable: true,
  });
  const count = 4;
  const starts = Array.from({ length: 32 }, (_, i) => ({
    group: i % 2,
    punit: (i >> 1) % 2,
    chunk: i >> 2,
    sector: 0,
  }));
  const expected: Buffer[] = [];
  {
    const device = NvmDevice.open(path);
    const statuses: string[] = [];
    const context = NvmAsyncContext.init<number>(device, 32, (_tag, status) => {
      statuses.push(status.name);
    });
    const buffers = starts.map((start, i) => {
      const data = device.allocBuffer(count * device.geometry.nbytes);
      fillPattern(data.bytes, i + 1);
      expected.push(Buffer.from(data.bytes));
      context.write(i, { mode: "scalar", start, count }, data);
      return data;
    });
    context.wait();
    t.deepEqual(statuses, new Array(32).fill("SUCCESS"));
    context.term();
    for (const data of buffers) data.free();
    device.close();
  }
  const device = NvmDevice.open(path);
  t.teardown(() => device.close());
  const context = NvmAsyncContext.init<number>(device, 32, () => {});
  const back = device.allocBuffer(count * device.geometry.nbytes);
  for (const [i, start] of starts.entries()) {
    t.is(device.reportChunks(start)[0]?.writePointer, count);
    context.read(i, { mode: "scalar", start, count }, back);
    context.wait();
    t.true(Buffer.from(back.bytes).equals(expected[i] as Buffer), `chunk ${i}`);
  }
  context.term();
  back.free();
});
