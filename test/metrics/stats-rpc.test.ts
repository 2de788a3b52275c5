import test from "ava";
import { LnvmError, Opcode } from "../../clients/ts/index.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { scrapeMetrics } from "../helpers/prometheus-text.js";
import { startTestServer } from "../helpers/test-server.js";

const g = GEOMETRIES.small;

test("Stats counts each context's I/O, sums them per device, and agrees with the metrics", async (t) => {
  const { client, device, server } = await startTestServer(t, g, [
    "--metrics-listen",
    "127.0.0.1:0",
  ]);
  const a = await client.init({ device, depth: 8 });
  const b = await client.init({ device, depth: 4 });
  const data = new Uint8Array(g.wsMin * g.nbytes);
  for (let i = 0; i < 3; i++) {
    await a.write(
      { start: { group: 0, punit: 0, chunk: 0, sector: i * g.wsMin }, count: g.wsMin },
      data,
    );
  }
  await b.write({ start: { group: 0, punit: 1, chunk: 0, sector: 0 }, count: g.wsMin }, data);
  await b.read({ start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: 2 });
  await b.erase([{ group: 0, punit: 0, chunk: 2, sector: 0 }]);

  const stats = await client.stats({ includeChunks: true });
  const writes = (io: { opcodes: { opcode: Opcode; commands: bigint }[] } | undefined) =>
    io?.opcodes.find((o) => o.opcode === Opcode.WRITE)?.commands;
  const ofA = stats.contexts.find((c) => c.contextId === a.id);
  const ofB = stats.contexts.find((c) => c.contextId === b.id);
  t.is(stats.contexts.length, 2);
  t.is(writes(ofA?.io), 3n);
  t.is(writes(ofB?.io), 1n);
  t.is(ofB?.depth, 4);
  t.deepEqual(
    ofB?.io?.opcodes.map((o) => [Opcode[o.opcode], o.commands, o.completions]),
    [
      ["READ", 1n, 1n],
      ["WRITE", 1n, 1n],
      ["ERASE", 1n, 1n],
      ["COPY", 0n, 0n],
    ],
  );
  const [dev] = stats.devices;
  t.is(dev?.device, device);
  t.is(dev?.contexts, 2);
  t.is(writes(dev?.io), 4n);
  t.deepEqual(
    dev?.io?.completions.map((c) => [c.name, c.count]),
    [["SUCCESS", 6n]],
  );
  t.is(
    dev?.io?.opcodes[0]?.deviceLatency?.bucketCounts.length,
    stats.latencyBucketBoundsNs.length + 1,
  );
  t.true(stats.monotonicNs > 0n);
  t.true(
    stats.rpcs.some((r) => r.method === "lightnvm.v1.AsyncContextService/Init" && r.count === 2n),
  );

  const scraped = await scrapeMetrics(server.metricsAddress ?? "");
  for (const o of dev?.io?.opcodes ?? []) {
    const labels = `device="${device}",opcode="${Opcode[o.opcode].toLowerCase()}"`;
    t.is(scraped.get(`lnvmd_device_commands_total{${labels}}`), Number(o.commands));
    t.is(scraped.get(`lnvmd_device_io_bytes_total{${labels}}`), Number(o.bytes));
    t.is(
      scraped.get(`lnvmd_device_command_latency_seconds_count{${labels}}`),
      Number(o.deviceLatency?.count),
    );
  }
  for (const c of dev?.chunks ?? []) {
    const state = ["", "free", "closed", "", "open", "", "", "", "offline"][c.state];
    t.is(scraped.get(`lnvmd_device_chunks{device="${device}",state="${state}"}`), Number(c.count));
  }
  t.is(
    dev?.chunks.reduce((n, c) => n + c.count, 0n),
    BigInt(g.npugrp * g.npunit * g.nchunk),
  );
});

test("Stats of an unknown device is NOT_FOUND with reason DEVICE_NOT_FOUND", async (t) => {
  const { client } = await startTestServer(t, g);
  const error = await t.throwsAsync(client.stats({ device: "nope" }), { instanceOf: LnvmError });
  t.is(error?.codeName, "NOT_FOUND");
  t.is(error?.reason, "DEVICE_NOT_FOUND");
});

test("Stats of one device leaves chunk counts out unless asked", async (t) => {
  const { client, device } = await startTestServer(t, g);
  const stats = await client.stats({ device });
  t.deepEqual(
    stats.devices.map((d) => [d.device, d.chunks.length]),
    [[device, 0]],
  );
});
