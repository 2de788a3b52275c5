import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import { NativeError, NvmDevice } from "../../native/binding/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import {
  createRecordingContext,
  createTempDevice,
  createTempImage,
} from "../helpers/temp-device.js";
import { createTempDir } from "../helpers/temp-dir.js";

test("a device reports the geometry and limits its image was created with", async (t) => {
  const g = GEOMETRIES.small;
  const device = await createTempDevice(t, g);
  t.deepEqual(device.geometry, {
    npugrp: g.npugrp,
    npunit: g.npunit,
    nchunk: g.nchunk,
    nsectr: g.nsectr,
    nbytes: g.nbytes,
    nbytesOob: g.nbytesOob,
    tbytes: g.npugrp * g.npunit * g.nchunk * g.nsectr * g.nbytes,
  });
  t.is(device.verid, 2);
  t.is(device.wsMin, g.wsMin);
  t.is(device.wsOpt, g.wsOpt);
  t.is(device.mwCunits, g.mwCunits);
  t.is(device.mccap, g.mccap);
  t.is(device.name, "device.img");
});

test("opening a missing image fails with ENOENT", async (t) => {
  const dir = await createTempDir(t);
  const error = t.throws(() => NvmDevice.open(join(dir, "missing.img")), {
    instanceOf: NativeError,
  });
  t.is(error?.fn, "nvm_dev_open");
  t.is(error?.code, "ENOENT");
});

test("opening a file that is not an image fails with EINVAL", async (t) => {
  const dir = await createTempDir(t);
  const path = join(dir, "garbage.img");
  await writeFile(path, Buffer.alloc(1 << 16, 0x5a));
  const error = t.throws(() => NvmDevice.open(path), { instanceOf: NativeError });
  t.is(error?.code, "EINVAL");
});

test("two opens of one image in one process share its chunk state and features", async (t) => {
  const path = await createTempImage(t, GEOMETRIES.small);
  const first = NvmDevice.open(path);
  t.teardown(() => first.close());
  const second = NvmDevice.open(path);
  t.teardown(() => second.close());
  const { context } = createRecordingContext<number>(t, first, 4);
  const data = first.allocBuffer(first.wsMin * first.geometry.nbytes);
  t.teardown(() => data.free());
  const start = { group: 0, punit: 1, chunk: 2, sector: 0 };
  context.write(0, { mode: "scalar", start, count: first.wsMin }, data);
  context.wait();
  t.is(second.reportChunks(start)[0]?.writePointer, first.wsMin);
  first.setDulbe(true);
  t.true(second.getDulbe());
});
