import test from "ava";
import type { NvmSectorAddress } from "../../native/binding/index.js";
import { GEOMETRIES, type GeometryName } from "../helpers/geometries.js";
import { createRecordingContext, createTempDevice, fillPattern } from "../helpers/temp-device.js";

function sectors(group: number, punit: number, chunk: number, from: number, count: number) {
  return Array.from(
    { length: count },
    (_, i): NvmSectorAddress => ({
      group,
      punit,
      chunk,
      sector: from + i,
    }),
  );
}

for (const name of Object.keys(GEOMETRIES) as GeometryName[]) {
  test(`random data written in vector mode reads back byte for byte (${name} geometry)`, async (t) => {
    const device = await createTempDevice(t, GEOMETRIES[name]);
    const { nbytes, npugrp, npunit, nchunk } = device.geometry;
    const { context, completions } = createRecordingContext<string>(t, device, 8);
    const group = npugrp - 1;
    const punit = npunit - 1;
    const chunk = nchunk - 1;
    const count = 16;
    const data = device.allocBuffer(count * nbytes);
    t.teardown(() => data.free());
    fillPattern(data.bytes, 42);
    context.write("w", { mode: "vector", addresses: sectors(group, punit, chunk, 0, count) }, data);
    t.is(context.wait(), 1);

    // The last mw_cunits sectors below the write pointer are not readable yet.
    const readable = count - device.mwCunits;
    const back = device.allocBuffer(readable * nbytes);
    t.teardown(() => back.free());
    context.read(
      "r",
      { mode: "vector", addresses: sectors(group, punit, chunk, 0, readable) },
      back,
    );
    t.is(context.wait(), 1);
    t.deepEqual(
      completions.map((c) => [c.tag, c.status.name]),
      [
        ["w", "SUCCESS"],
        ["r", "SUCCESS"],
      ],
    );
    t.true(Buffer.from(back.bytes).equals(Buffer.from(data.bytes.subarray(0, readable * nbytes))));
  });

  test(`random data written in scalar mode reads back byte for byte (${name} geometry)`, async (t) => {
    const device = await createTempDevice(t, GEOMETRIES[name]);
    const { nbytes } = device.geometry;
    const { context, completions } = createRecordingContext<number>(t, device, 8);
    const start = { group: 0, punit: 1, chunk: 2, sector: 0 };
    const count = 16;
    const data = device.allocBuffer(count * nbytes);
    t.teardown(() => data.free());
    fillPattern(data.bytes, 7);
    context.write(1, { mode: "scalar", start, count }, data);
    context.wait();
    const readable = count - device.mwCunits;
    const back = device.allocBuffer(readable * nbytes);
    t.teardown(() => back.free());
    context.read(2, { mode: "scalar", start, count: readable }, back);
    context.wait();
    t.deepEqual(
      completions.map((c) => c.status.code),
      [0, 0],
    );
    t.true(Buffer.from(back.bytes).equals(Buffer.from(data.bytes.subarray(0, readable * nbytes))));
  });
}
