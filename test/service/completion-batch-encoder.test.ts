import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import test from "ava";
import { StreamCompletionsResponseSchema } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { Opcode } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { decodeCommandStatus } from "../../native/binding/index.js";
import { encodeCompletionBatch } from "../../service/contexts/completion-batch-encoder.js";
import {
  type ReapedCompletion,
  toCompletionMessage,
} from "../../service/contexts/reaped-completion.js";
import { createTempDevice, fillPattern } from "../helpers/temp-device.js";

test("the hand-written stream encoder produces exactly protobuf-es's bytes", async (t) => {
  const device = await createTempDevice(t);
  const data = device.allocBuffer(3 * 4096);
  const meta = device.allocBuffer(48);
  t.teardown(() => {
    data.free();
    meta.free();
  });
  fillPattern(data.bytes, 5);
  fillPattern(meta.bytes, 6);
  const batch: ReapedCompletion[] = [
    {
      tag: 0n,
      sequence: 1,
      opcode: Opcode.WRITE,
      status: decodeCommandStatus(0),
      result: 0n,
      latencyNs: 0,
      receivedMs: 0,
      heldNbytes: 0,
      data: undefined,
      meta: undefined,
    },
    {
      tag: (1n << 64n) - 1n,
      sequence: 2 ** 40 + 3,
      opcode: Opcode.READ,
      status: decodeCommandStatus(0),
      result: 0n,
      latencyNs: 123_456_789,
      receivedMs: 0,
      heldNbytes: 0,
      data,
      meta,
    },
    {
      tag: 1n << 63n,
      sequence: 300,
      opcode: Opcode.WRITE,
      status: decodeCommandStatus(0x2f2),
      result: (1n << 63n) | 5n,
      latencyNs: 127,
      receivedMs: 0,
      heldNbytes: 0,
      data: undefined,
      meta: undefined,
    },
  ];
  const encoded = encodeCompletionBatch(batch);
  const expected = toBinary(
    StreamCompletionsResponseSchema,
    create(StreamCompletionsResponseSchema, { completions: batch.map(toCompletionMessage) }),
  );
  t.deepEqual(new Uint8Array(encoded), expected);
  const decoded = fromBinary(StreamCompletionsResponseSchema, encoded);
  t.is(decoded.completions[1]?.tag, (1n << 64n) - 1n);
  t.is(decoded.completions[2]?.status?.name, "OUT_OF_ORDER_WRITE");
  t.true(Buffer.from(decoded.completions[1]?.data ?? []).equals(Buffer.from(data.bytes)));
});
