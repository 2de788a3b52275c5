import { constants } from "node:os";
import test, { type ExecutionContext } from "ava";
import { NativeError } from "../../native/binding/index.js";
import { createRecordingContext, createTempDevice } from "../helpers/temp-device.js";

const WRITES = 12;

async function setup(t: ExecutionContext, depth: number) {
  const device = await createTempDevice(t);
  const { context, completions } = createRecordingContext<number>(t, device, depth);
  const data = device.allocBuffer(device.wsMin * device.geometry.nbytes);
  t.teardown(() => data.free());
  // One write per chunk, round-robin over the parallel units, so all of them succeed.
  const submit = (tag: number) => {
    const { npunit, nchunk } = device.geometry;
    const punit = tag % npunit;
    const chunk = Math.floor(tag / npunit) % nchunk;
    const sector = Math.floor(tag / (npunit * nchunk)) * device.wsMin;
    context.write(
      tag,
      { mode: "scalar", start: { group: 0, punit, chunk, sector }, count: device.wsMin },
      data,
    );
  };
  return { device, context, completions, submit };
}

test("callbacks run only inside poke or wait, never during submission", async (t) => {
  const { context, completions, submit } = await setup(t, 16);
  for (let tag = 0; tag < WRITES; tag++) submit(tag);
  t.is(completions.length, 0);
  t.is(context.outstanding, WRITES);
  t.is(context.wait(), WRITES);
  t.is(context.outstanding, 0);
});

test("every command completes exactly once with its own tag", async (t) => {
  const { context, completions, submit } = await setup(t, 16);
  for (let tag = 0; tag < WRITES; tag++) submit(tag);
  context.wait();
  const tags = completions.map((c) => c.tag).sort((a, b) => a - b);
  t.deepEqual(
    tags,
    Array.from({ length: WRITES }, (_, i) => i),
  );
  t.true(completions.every((c) => c.status.code === 0));
});

test("poke processes at most max completions per call", async (t) => {
  const { context, completions, submit } = await setup(t, 16);
  for (let tag = 0; tag < WRITES; tag++) submit(tag);
  let processed = 0;
  while (processed < WRITES) {
    const n = context.poke(3);
    t.true(n >= 0 && n <= 3, `poke(3) returned ${n}`);
    processed += n;
    t.is(completions.length, processed);
  }
  t.is(context.poke(0), 0);
});

test("a submission beyond depth fails with EAGAIN and outstanding never exceeds depth", async (t) => {
  const depth = 4;
  const { context, submit } = await setup(t, depth);
  for (let tag = 0; tag < depth; tag++) submit(tag);
  const error = t.throws(() => submit(depth), { instanceOf: NativeError });
  t.is(error?.errno, constants.errno.EAGAIN);
  t.is(context.outstanding, depth);
  t.is(context.wait(), depth);
  t.notThrows(() => submit(depth));
});

test("wait returns the number of completions it processed", async (t) => {
  const { context, submit } = await setup(t, 16);
  for (let tag = 0; tag < 5; tag++) submit(tag);
  t.is(context.wait(), 5);
  t.is(context.wait(), 0);
});

test("term refuses with EBUSY while commands are outstanding, then succeeds", async (t) => {
  const { context, submit } = await setup(t, 4);
  submit(0);
  const error = t.throws(() => context.term(), { instanceOf: NativeError });
  t.is(error?.code, "EBUSY");
  t.false(context.terminated);
  context.wait();
  context.term();
  t.true(context.terminated);
});

test("depth 0 selects the library's default depth, 64, and that many commands fit", async (t) => {
  const { context, completions, submit } = await setup(t, 0);
  // liblightnvm.h, nvm_async_init: "depth is the maximum of outstanding commands; 0 selects 64".
  t.is(context.depth, 64);
  for (let tag = 0; tag < 64; tag++) submit(tag);
  t.is(context.outstanding, 64);
  t.throws(() => submit(64), { instanceOf: NativeError });
  t.is(context.wait(), 64);
  t.is(completions.length, 64);
});
