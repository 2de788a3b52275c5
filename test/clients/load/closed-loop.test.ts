import test from "ava";
import { ClosedLoop } from "../../../clients/ts/load/index.js";

test("a closed loop keeps qd commands in flight and issues the next from the slot that completed", (t) => {
  const issued: number[] = [];
  const loop = new ClosedLoop(3, (slot) => {
    issued.push(slot);
    return true;
  });
  loop.start();
  t.deepEqual(issued, [0, 1, 2]);
  t.is(loop.inflight, 3);
  loop.complete(1, false, 1000);
  t.deepEqual(issued, [0, 1, 2, 1]);
  t.is(loop.inflight, 3);
  t.is(loop.ncommands, 1);
});

test("a stopped loop issues nothing more and ends when the last command completes", (t) => {
  let n = 0;
  const loop = new ClosedLoop(2, () => {
    n++;
    return true;
  });
  loop.start();
  loop.stop();
  loop.complete(0, false, 10);
  t.is(n, 2);
  t.false(loop.ended);
  loop.complete(1, true, 20);
  t.true(loop.ended);
  const result = loop.result();
  t.is(result.ncommands, 2);
  t.is(result.errors, 1);
  t.false(result.exhausted);
  t.is(result.latency.count, 2);
});

test("run resolves once the workload is exhausted and every command completed", async (t) => {
  let left = 5;
  const result = await new ClosedLoop(2, (slot, loop) => {
    if (left === 0) return false;
    left--;
    setImmediate(() => loop.complete(slot, false, 5000));
    return true;
  }).run();
  t.is(result.ncommands, 5);
  t.true(result.exhausted);
  t.true(result.seconds >= 0);
});

test("run rejects with the first failure once nothing is in flight, having issued nothing more", async (t) => {
  const calls: number[] = [];
  const loop = new ClosedLoop(2, (slot) => {
    calls.push(slot);
    return true;
  });
  const run = loop.run(60);
  loop.fail(0, new Error("first"));
  loop.fail(1, new Error("second"));
  await t.throwsAsync(run, { message: "first" });
  t.deepEqual(calls, [0, 1]);
});

test("run stops issuing once its time is up, even when commands complete without yielding to the event loop", async (t) => {
  const result = await new ClosedLoop(4, (slot, loop) => {
    queueMicrotask(() => loop.complete(slot, false, 1));
    return true;
  }).run(0.05);
  t.true(result.ncommands > 0);
  t.false(result.exhausted);
});

test("a released slot ends without counting a command", (t) => {
  const loop = new ClosedLoop(1, () => true);
  loop.start();
  loop.stop();
  loop.release(0);
  t.true(loop.ended);
  t.is(loop.ncommands, 0);
});
