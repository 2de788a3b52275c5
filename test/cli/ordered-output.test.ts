import { Writable } from "node:stream";
import test from "ava";
import { OrderedOutput } from "../../clients/cli/ordered-output.js";

test("pieces waiting for a full stream share one drain listener and come out in index order", async (t) => {
  const written: number[] = [];
  let maxDrainListeners = 0;
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk[0] ?? -1);
      maxDrainListeners = Math.max(maxDrainListeners, stream.listenerCount("drain"));
      setImmediate(done);
    },
  });
  const output = new OrderedOutput(stream);
  const pieces = 32;
  // Odd pieces arrive before the even one ahead of them, so some are held and some written at
  // once; every write finds the stream's buffer full, and nothing waits before the next put.
  const order = Array.from({ length: pieces }, (_, i) => (i % 2 === 0 ? i + 1 : i - 1));
  const puts = order.map((i) => output.put(i, Uint8Array.of(i)));
  await Promise.all(puts);
  t.deepEqual(
    written,
    Array.from({ length: pieces }, (_, i) => i),
  );
  t.is(maxDrainListeners, 1);
  t.is(output.bytes, pieces);
});
