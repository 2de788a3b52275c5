import test from "ava";
import { ChunkState, LnvmError } from "../../clients/ts/index.js";
import { NVM_NADDR_MAX } from "../../native/binding/index.js";
import { GEOMETRIES, type GeometryName } from "../helpers/geometries.js";
import { startTestServer } from "../helpers/test-server.js";

for (const name of Object.keys(GEOMETRIES) as GeometryName[]) {
  test(`the server lists its device with geometry, limits and capacity (${name} geometry)`, async (t) => {
    const g = GEOMETRIES[name];
    const { client, device } = await startTestServer(t, g);
    const devices = await client.devices();
    t.deepEqual(
      devices.map((d) => d.name),
      [device],
    );
    const info = await client.device(device);
    t.like(info.geometry, {
      npugrp: g.npugrp,
      npunit: g.npunit,
      nchunk: g.nchunk,
      nsectr: g.nsectr,
      nbytes: g.nbytes,
      nbytesOob: g.nbytesOob,
    });
    t.like(info, {
      wsMin: g.wsMin,
      wsOpt: g.wsOpt,
      mwCunits: g.mwCunits,
      mccap: g.mccap,
      verid: 2,
    });
    t.is(info.capacityBytes, BigInt(g.npugrp * g.npunit * g.nchunk * g.nsectr * g.nbytes));
    t.true(info.maxCommandBytes >= BigInt(NVM_NADDR_MAX * g.nbytes));
    t.is(info.maxAddressesPerCommand, NVM_NADDR_MAX);
  });

  test(`the chunk report streams every chunk in order (${name} geometry)`, async (t) => {
    const g = GEOMETRIES[name];
    const { client, device } = await startTestServer(t, g);
    let count = 0;
    let last = -1;
    for await (const chunk of client.reportChunks(device)) {
      const flat = (chunk.group * g.npunit + chunk.punit) * g.nchunk + chunk.chunk;
      t.is(flat, last + 1);
      last = flat;
      t.is(chunk.state, ChunkState.FREE);
      count++;
    }
    t.is(count, g.npugrp * g.npunit * g.nchunk);
  });
}

test("GetDevice of an unknown name fails with NOT_FOUND and reason DEVICE_NOT_FOUND", async (t) => {
  const { client } = await startTestServer(t);
  const error = await t.throwsAsync(client.device("nope"), { instanceOf: LnvmError });
  t.is(error?.codeName, "NOT_FOUND");
  t.is(error?.reason, "DEVICE_NOT_FOUND");
  t.is(error?.metadata["device"], "nope");
});

test("a chunk report is paged, filtered by state and limited to a range of parallel units", async (t) => {
  const g = GEOMETRIES.large;
  const { client, device } = await startTestServer(t, g);
  const { reportChunks } = client.stubs.devices;
  const pages: number[] = [];
  const call = reportChunks.call(client.stubs.devices, {
    $typeName: "lightnvm.v1.ReportChunksRequest",
    device,
    states: [],
    puBegin: 2,
    puEnd: 4,
    maxChunksPerMessage: 100,
  });
  for await (const page of call) pages.push(page.chunks.length);
  t.is(
    pages.reduce((a, b) => a + b, 0),
    2 * g.nchunk,
  );
  t.true(pages.every((n) => n <= 100 && n > 0));
  let open = 0;
  for await (const _ of client.reportChunks(device, { states: [ChunkState.OPEN] })) open++;
  t.is(open, 0);
});

test("a chunk report over a range past the last unit fails with INVALID_ARGUMENT", async (t) => {
  const { client, device } = await startTestServer(t);
  const error = await t.throwsAsync(
    (async () => {
      for await (const _ of client.reportChunks(device, { puBegin: 0, puEnd: 99 }));
    })(),
    { instanceOf: LnvmError },
  );
  t.is(error?.codeName, "INVALID_ARGUMENT");
  t.is(error?.fieldViolations[0]?.field, "pu_end");
});
