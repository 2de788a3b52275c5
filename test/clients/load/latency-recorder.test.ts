import test from "ava";
import { LatencyRecorder } from "../../../clients/ts/load/index.js";

test("latencies recorded in nanoseconds read back in microseconds", (t) => {
  const recorder = new LatencyRecorder();
  for (let i = 1; i <= 100; i++) recorder.recordNs(i * 1000);
  t.is(recorder.count, 100);
  // Within the histogram's resolution: 3 significant digits.
  t.true(Math.abs((recorder.percentileUs(50) ?? 0) - 50) <= 0.05);
  const summary = recorder.summaryUs();
  t.is(summary.min, 1);
  t.is(summary.max, 100);
  t.is(summary.p99, 99);
  t.is(summary.mean, 50.5);
});

test("an empty recorder has no percentile, an all-zero summary and no buckets", (t) => {
  const recorder = new LatencyRecorder();
  t.is(recorder.percentileUs(50), null);
  t.is(recorder.summaryUs().p50, 0);
  t.deepEqual(recorder.bucketsUs(), []);
});

test("power-of-two buckets count each latency, rounded up to a whole µs, in the first bucket at or above it", (t) => {
  const recorder = new LatencyRecorder();
  recorder.recordNs(3_000); // 3 µs: ≤ 4
  recorder.recordNs(4_000); // ≤ 4
  recorder.recordNs(4_500); // 5 µs: ≤ 8
  recorder.recordNs(20_000); // ≤ 32
  t.deepEqual(recorder.bucketsUs(), [
    { leUs: 4, count: 2 },
    { leUs: 8, count: 1 },
    { leUs: 16, count: 0 },
    { leUs: 32, count: 1 },
  ]);
});

test("adding one recorder to another merges their latencies, and reset forgets them", (t) => {
  const a = new LatencyRecorder();
  const b = new LatencyRecorder();
  a.recordNs(1000);
  b.recordNs(3000);
  a.add(b);
  t.is(a.count, 2);
  t.is(a.summaryUs().max, 3);
  a.reset();
  t.is(a.count, 0);
});
