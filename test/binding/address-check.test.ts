import test from "ava";
import { GEOMETRIES } from "../helpers/geometries.js";
import { createTempDevice } from "../helpers/temp-device.js";

test("checkAddress flags out-of-geometry fields with the OCSSD 2.0 bits PUGRP, PUNIT, CHUNK, SECTR", async (t) => {
  const device = await createTempDevice(t, GEOMETRIES.small);
  const { npugrp, npunit, nchunk, nsectr } = device.geometry;
  const inside = { group: npugrp - 1, punit: npunit - 1, chunk: nchunk - 1, sector: nsectr - 1 };
  t.is(device.checkAddress(inside), 0);
  t.is(device.checkAddress({ ...inside, group: npugrp }), 0x40);
  t.is(device.checkAddress({ ...inside, punit: npunit }), 0x80);
  t.is(device.checkAddress({ ...inside, chunk: nchunk }), 0x100);
  t.is(device.checkAddress({ ...inside, sector: nsectr }), 0x200);
  t.is(device.checkAddress({ group: npugrp, punit: npunit, chunk: nchunk, sector: nsectr }), 0x3c0);
});
