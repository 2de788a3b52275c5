import { create } from "@bufbuild/protobuf";
import test from "ava";
import { LnvmError } from "../../clients/ts/index.js";
import { SessionRequestSchema } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { freshWrites, writeCommand } from "../helpers/commands.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { RawSession } from "../helpers/raw-session.js";
import { startTestServer } from "../helpers/test-server.js";

const G = GEOMETRIES.small;

/** The error a session ended with, decoded. */
async function endedWith(session: RawSession): Promise<LnvmError> {
  const error = await session.ended;
  if (!error) throw new Error("the session ended with OK");
  return LnvmError.from(error);
}

async function opened(session: RawSession) {
  const message = await session.next();
  if (!message?.opened) throw new Error("no opened message");
  return message.opened;
}

test("a session whose first message has no open fails with INVALID_ARGUMENT naming open", async (t) => {
  const { address } = await startTestServer(t);
  const session = new RawSession(t, address, { contextId: "x" }, { withoutOpen: true });
  session.send(freshWrites(1, G, G.wsMin));
  const error = await endedWith(session);
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
  t.is(error.fieldViolations[0]?.field, "open");
});

test("a second open on a session fails with INVALID_ARGUMENT naming open", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(t, address, { device, depth: 4 });
  await opened(session);
  session.sendRequest(
    create(SessionRequestSchema, {
      open: { context: { case: "init", value: { device, depth: 4, flags: 0 } } },
    }),
  );
  const error = await endedWith(session);
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
  t.is(error.fieldViolations[0]?.field, "open");
});

test("an open stating a receive limit below one largest completion fails naming the field and the limit", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(
    t,
    address,
    { device, depth: 4 },
    { maxReceiveMessageBytes: 1000 },
  );
  const error = await endedWith(session);
  t.like(error, { codeName: "INVALID_ARGUMENT" });
  t.is(error.fieldViolations[0]?.field, "open.max_receive_message_bytes");
  t.regex(error.fieldViolations[0]?.description ?? "", /at least \d+ bytes/);
});

test("a session to an unknown context fails with NOT_FOUND", async (t) => {
  const { address } = await startTestServer(t);
  const session = new RawSession(t, address, { contextId: "no-such-context" });
  t.like(await endedWith(session), { codeName: "NOT_FOUND", reason: "CONTEXT_NOT_FOUND" });
});

test("a second session on a context fails with FAILED_PRECONDITION while the first is attached", async (t) => {
  const { address, device } = await startTestServer(t);
  const first = new RawSession(t, address, { device, depth: 4 });
  const context = await opened(first);
  const second = new RawSession(t, address, { contextId: context.id });
  t.like(await endedWith(second), { codeName: "FAILED_PRECONDITION", reason: "STREAM_ATTACHED" });
});

test("a session message with more commands than the depth fails with INVALID_ARGUMENT naming commands", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(t, address, { device, depth: 2 });
  await opened(session);
  session.send(freshWrites(3, G, G.wsMin));
  const error = await endedWith(session);
  t.like(error, { codeName: "INVALID_ARGUMENT" });
  t.is(error.fieldViolations[0]?.field, "commands");
});

test("a malformed command in a session message fails with INVALID_ARGUMENT naming its field", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(t, address, { device, depth: 4 });
  await opened(session);
  session.send([
    writeCommand(1n, { group: 0, punit: 0, chunk: 0, sector: 0 }, G.wsMin, new Uint8Array(1)),
  ]);
  const error = await endedWith(session);
  t.like(error, { codeName: "INVALID_ARGUMENT" });
  t.is(error.fieldViolations[0]?.field, "commands[0].write.data");
});

test("a session that queues more than its credit fails with RESOURCE_EXHAUSTED (CREDIT_EXCEEDED) and submits nothing beyond it", async (t) => {
  const { address, device } = await startTestServer(t);
  const session = new RawSession(t, address, { device, depth: 4 });
  const context = await opened(session);
  // Four fill the depth and are never acknowledged; the next four queue; one more exceeds it.
  session.send(freshWrites(4, G, G.wsMin));
  session.send(freshWrites(4, G, G.wsMin, 5n));
  session.send(freshWrites(1, G, G.wsMin, 9n));
  const error = await endedWith(session);
  t.like(error, { codeName: "RESOURCE_EXHAUSTED", reason: "CREDIT_EXCEEDED" });
  t.is(error.metadata["max_queued"], "4");
  const reattached = new RawSession(t, address, { contextId: context.id });
  t.is((await opened(reattached)).submitted, 4n);
  reattached.cancel();
});
