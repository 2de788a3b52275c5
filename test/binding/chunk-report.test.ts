import test from "ava";
import { NvmChunkState } from "../../native/binding/index.js";
import { GEOMETRIES, type GeometryName } from "../helpers/geometries.js";
import { createRecordingContext, createTempDevice } from "../helpers/temp-device.js";

for (const name of Object.keys(GEOMETRIES) as GeometryName[]) {
  test(`a fresh device reports every chunk FREE in group, unit, chunk order (${name} geometry)`, async (t) => {
    const device = await createTempDevice(t, GEOMETRIES[name]);
    const { npugrp, npunit, nchunk, nsectr } = device.geometry;
    const report = device.reportChunks();
    t.is(report.length, npugrp * npunit * nchunk);
    t.true(report.every((c) => c.state === NvmChunkState.FREE && c.writePointer === 0));
    t.true(report.every((c) => c.sectorCount === nsectr));
    const last = report.at(-1);
    t.deepEqual([last?.group, last?.punit, last?.chunk], [npugrp - 1, npunit - 1, nchunk - 1]);
    t.deepEqual(
      report.slice(0, 2).map((c) => [c.group, c.punit, c.chunk]),
      [
        [0, 0, 0],
        [0, 0, 1],
      ],
    );
  });
}

test("a report from an address lists that unit's chunks from that chunk on", async (t) => {
  const device = await createTempDevice(t, GEOMETRIES.small);
  const report = device.reportChunks({ group: 0, punit: 1, chunk: 2, sector: 0 });
  t.deepEqual(
    report.map((c) => [c.group, c.punit, c.chunk]),
    Array.from({ length: device.geometry.nchunk - 2 }, (_, i) => [0, 1, 2 + i]),
  );
});

test("writes move a chunk to OPEN and then CLOSED with the write pointer following", async (t) => {
  const device = await createTempDevice(t, GEOMETRIES.small);
  const { nsectr, nbytes } = device.geometry;
  const { context } = createRecordingContext<number>(t, device, 4);
  const data = device.allocBuffer(nsectr * nbytes);
  t.teardown(() => data.free());
  const start = { group: 0, punit: 0, chunk: 3, sector: 0 };
  context.write(0, { mode: "scalar", start, count: device.wsMin }, data);
  context.wait();
  let [chunk] = device.reportChunks(start);
  t.is(chunk?.state, NvmChunkState.OPEN);
  t.is(chunk?.writePointer, device.wsMin);
  for (let sector = device.wsMin; sector < nsectr; sector += 16) {
    const count = Math.min(16, nsectr - sector);
    context.write(sector, { mode: "scalar", start: { ...start, sector }, count }, data);
  }
  context.wait();
  [chunk] = device.reportChunks(start);
  t.is(chunk?.state, NvmChunkState.CLOSED);
  t.is(chunk?.writePointer, nsectr);
});

test("a report from the first chunk of the first unit lists only that unit", async (t) => {
  const device = await createTempDevice(t, GEOMETRIES.small);
  const report = device.reportChunks({ group: 0, punit: 0, chunk: 0, sector: 0 });
  t.deepEqual(
    report.map((c) => [c.group, c.punit, c.chunk]),
    Array.from({ length: device.geometry.nchunk }, (_, i) => [0, 0, i]),
  );
});
