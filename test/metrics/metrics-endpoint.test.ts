import test from "ava";
import { ConfigError, loadConfig } from "../../service/config.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { scrapeMetrics } from "../helpers/prometheus-text.js";
import { startTestServer } from "../helpers/test-server.js";

const g = GEOMETRIES.small;
const SECTOR_NBYTES = g.nbytes;

test("scraped metrics count the commands, bytes, statuses and latencies of the I/O sent", async (t) => {
  const { client, device, server } = await startTestServer(t, g, [
    "--metrics-listen",
    "127.0.0.1:0",
  ]);
  const address = server.metricsAddress;
  if (!address) return t.fail("no metrics address");
  const before = await scrapeMetrics(address);
  t.is(before.get(`lnvmd_device_commands_total{device="${device}",opcode="write"}`), 0);
  t.is(before.get(`lnvmd_device_chunks{device="${device}",state="free"}`), g.npunit * g.nchunk);

  const ctx = await client.init({ device, depth: 8 });
  const chunk = { group: 0, punit: 0, chunk: 0 };
  const data = new Uint8Array(g.wsMin * SECTOR_NBYTES);
  for (let i = 0; i < 4; i++) {
    const done = await ctx.write(
      { start: { ...chunk, sector: i * g.wsMin }, count: g.wsMin },
      data,
    );
    t.is(done.status?.name, "SUCCESS");
  }
  const ahead = await ctx.write({ start: { ...chunk, sector: 7 * g.wsMin }, count: g.wsMin }, data);
  t.is(ahead.status?.name, "OUT_OF_ORDER_WRITE");
  for (let i = 0; i < 3; i++) await ctx.read({ start: { ...chunk, sector: i }, count: 1 });

  const after = await scrapeMetrics(address);
  const at = (name: string, labels: string) => after.get(`${name}{device="${device}",${labels}}`);
  t.is(at("lnvmd_device_commands_total", 'opcode="write"'), 5);
  t.is(at("lnvmd_device_commands_total", 'opcode="read"'), 3);
  t.is(at("lnvmd_device_commands_total", 'opcode="erase"'), 0);
  t.is(at("lnvmd_device_io_bytes_total", 'opcode="write"'), 5 * g.wsMin * SECTOR_NBYTES);
  t.is(at("lnvmd_device_io_bytes_total", 'opcode="read"'), 3 * SECTOR_NBYTES);
  t.is(at("lnvmd_device_completions_total", 'status="SUCCESS"'), 7);
  t.is(at("lnvmd_device_completions_total", 'status="OUT_OF_ORDER_WRITE"'), 1);
  t.is(at("lnvmd_device_command_latency_seconds_count", 'opcode="write"'), 5);
  t.is(at("lnvmd_device_command_latency_seconds_bucket", 'opcode="write",le="+Inf"'), 5);
  t.is(at("lnvmd_device_end_to_end_latency_seconds_count", 'opcode="read"'), 3);
  t.true((at("lnvmd_device_end_to_end_latency_seconds_sum", 'opcode="read"') ?? 0) > 0);
  t.is(at("lnvmd_device_chunks", 'state="open"'), 1);
  t.is(after.get(`lnvmd_device_contexts{device="${device}"}`), 1);
  t.is(after.get(`lnvmd_device_outstanding_commands{device="${device}"}`), 0);
  t.is(
    after.get('lnvmd_grpc_calls_total{method="lightnvm.v1.AsyncContextService/Init",code="OK"}'),
    1,
  );
  t.true(after.has("nodejs_eventloop_lag_seconds"));
  await ctx.term();
});

test("the metrics listener answers liveness and readiness, and 404 elsewhere", async (t) => {
  const { server } = await startTestServer(t, g, ["--metrics-listen", "127.0.0.1:0"]);
  const base = `http://${server.metricsAddress}`;
  t.is((await fetch(`${base}/healthz`)).status, 200);
  t.is((await fetch(`${base}/readyz`)).status, 200);
  t.is((await fetch(`${base}/nothing`)).status, 404);
});

test("metrics are off unless --metrics-listen is given, and a malformed address is refused", async (t) => {
  const { server } = await startTestServer(t, g);
  t.is(server.metricsAddress, undefined);
  t.throws(() => loadConfig(["--metrics-listen", "9100"], {}), {
    instanceOf: ConfigError,
    message: /--metrics-listen: expected HOST:PORT, got "9100"/,
  });
});
