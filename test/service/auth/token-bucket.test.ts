import test from "ava";
import { TokenBucket } from "../../../service/auth/token-bucket.js";

/** A bucket on a clock the test moves by hand. */
function bucket(ratePerSecond: number, burst: number) {
  let nowMs = 0;
  const b = new TokenBucket(ratePerSecond, burst, () => nowMs);
  return { b, advance: (ms: number) => (nowMs += ms) };
}

test("a full bucket admits its burst at once, then each cost waits for its refill", (t) => {
  const { b } = bucket(100, 100);
  t.is(b.reserve(100), 0);
  t.is(b.reserve(50), 500);
  // The next caller queues behind the first one's debt: served in order.
  t.is(b.reserve(50), 1000);
});

test("the balance refills at the rate, up to the burst", (t) => {
  const { b, advance } = bucket(100, 100);
  b.reserve(100);
  advance(250);
  t.is(b.reserve(25), 0);
  advance(10_000);
  t.is(b.reserve(100), 0);
  t.is(b.reserve(1), 10);
});

test("a cost larger than the burst is delayed in proportion, never refused", (t) => {
  const { b } = bucket(1000, 1000);
  t.is(b.reserve(3000), 2000);
});

test("a refund gives a cancelled caller's tokens back to the next one", (t) => {
  const { b } = bucket(100, 100);
  b.reserve(100);
  t.is(b.reserve(100), 1000);
  b.refund(100);
  t.is(b.reserve(50), 500);
});
