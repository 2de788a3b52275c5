import test from "ava";
import {
  addressFieldOutOfRange,
  decodeAddress,
  encodeAddress,
  formatAddress,
} from "../../native/binding/index.js";

test("an address packs its fields into the OCSSD 2.0 bit positions", (t) => {
  const value = encodeAddress({ group: 0x12, punit: 0x34, chunk: 0x5678, sector: 0x9abcdef0 });
  t.is(value, 0x1234_5678_9abc_def0n);
});

test("the largest value of every field survives a round trip without precision loss", (t) => {
  const max = { group: 255, punit: 255, chunk: 65535, sector: 0xffffffff };
  t.is(encodeAddress(max), 0xffff_ffff_ffff_ffffn);
  t.deepEqual(decodeAddress(0xffff_ffff_ffff_ffffn), max);
});

test("decoding and encoding are inverse for assorted values", (t) => {
  for (const addr of [
    { group: 0, punit: 0, chunk: 0, sector: 0 },
    { group: 1, punit: 7, chunk: 255, sector: 4095 },
    { group: 200, punit: 3, chunk: 40000, sector: 1 },
  ]) {
    t.deepEqual(decodeAddress(encodeAddress(addr)), addr);
  }
});

test("a field beyond its bit width is named", (t) => {
  t.is(addressFieldOutOfRange({ group: 256, punit: 0, chunk: 0, sector: 0 }), "group");
  t.is(addressFieldOutOfRange({ group: 0, punit: 0, chunk: 65536, sector: 0 }), "chunk");
  t.is(addressFieldOutOfRange({ group: 0, punit: -1, chunk: 0, sector: 0 }), "punit");
  t.is(addressFieldOutOfRange({ group: 0, punit: 0, chunk: 0, sector: 1.5 }), "sector");
  t.is(addressFieldOutOfRange({ group: 1, punit: 2, chunk: 3, sector: 4 }), undefined);
});

test("an address formats as group/punit/chunk/sector", (t) => {
  t.is(formatAddress({ group: 1, punit: 2, chunk: 3, sector: 4 }), "1/2/3/4");
});
