import test from "ava";
import { MessageBuffers } from "../../service/contexts/message-buffers.js";

test("a flushed message buffer is reused for the next message that fits it", (t) => {
  const buffers = new MessageBuffers();
  const first = buffers.acquire(300 * 1024);
  buffers.release(first);
  const second = buffers.acquire(260 * 1024);
  t.is(second.length, 260 * 1024);
  t.is(second.buffer, first.buffer);
  // Taken: the next one is fresh.
  t.not(buffers.acquire(260 * 1024).buffer, first.buffer);
});

test("small messages are not kept", (t) => {
  const buffers = new MessageBuffers();
  const small = buffers.acquire(1024);
  buffers.release(small);
  const next = buffers.acquire(1024);
  t.false(next.buffer === small.buffer && next.byteOffset === small.byteOffset);
});

test("idle buffers are bounded for the whole server: two 1 MiB messages' worth, the rest dropped", (t) => {
  const buffers = new MessageBuffers();
  const held = [1, 2, 3].map(() => buffers.acquire(1024 * 1024));
  for (const b of held) buffers.release(b);
  const again = [1, 2, 3].map(() => buffers.acquire(1024 * 1024));
  const reused = again.filter((b) => held.some((h) => h.buffer === b.buffer));
  t.is(reused.length, 2);
});
