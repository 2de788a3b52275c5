import { create, toBinary } from "@bufbuild/protobuf";
import test, { type ExecutionContext } from "ava";
import { CommandSchema, LnvmError, toAddress } from "../../clients/ts/index.js";
import { GetDeviceRequestSchema } from "../../gen/ts/lightnvm/v1/device_pb.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { emptyFieldFlood, RawClient } from "../helpers/raw-call.js";
import { startTestServer } from "../helpers/test-server.js";

const GET_DEVICE = "/lightnvm.v1.DeviceService/GetDevice";
const SUBMIT = "/lightnvm.v1.AsyncContextService/Submit";

async function setup(t: ExecutionContext, flags: string[] = []) {
  const server = await startTestServer(t, GEOMETRIES.small, flags);
  const raw = new RawClient(server.address);
  t.teardown(() => raw.close());
  return { ...server, raw };
}

async function refused(
  t: ExecutionContext,
  outcome: Promise<import("../helpers/raw-call.js").RawOutcome>,
) {
  const result = await outcome;
  if (result.ok) throw new Error("expected the request to be refused");
  t.is(result.error.codeName, "INVALID_ARGUMENT");
  t.is(result.error.reason, "INVALID_REQUEST");
  return result.error;
}

test("a GetDevice flooded with unknown fields is refused with INVALID_ARGUMENT naming the limit", async (t) => {
  const { raw, client, device } = await setup(t);
  const error = await refused(t, raw.unary(GET_DEVICE, emptyFieldFlood(1024 * 1024)));
  t.is(error.fieldViolations[0]?.field, "lightnvm.v1.GetDeviceRequest");
  t.regex(error.fieldViolations[0]?.description ?? "", /more than 64 fields unknown/);
  t.is((await client.device(device)).name, device, "the server still answers");
});

test("a Submit of more commands than the maximum depth is refused before decoding, naming the field and the limit", async (t) => {
  const { raw } = await setup(t, ["--max-depth", "256"]);
  const error = await refused(t, raw.unary(SUBMIT, emptyFieldFlood(2 * 257)));
  t.is(error.fieldViolations[0]?.field, "commands");
  t.regex(error.fieldViolations[0]?.description ?? "", /at most 256 commands per batch/);
});

test("a Submit of exactly the maximum depth passes the wire limits and reaches validation", async (t) => {
  const { raw, client, device } = await setup(t, ["--max-depth", "256"]);
  const ctx = await client.init({ device, depth: 4 });
  const id = Buffer.from(ctx.id);
  const body = Buffer.concat([Buffer.from([0x0a, id.length]), id, emptyFieldFlood(2 * 256)]);
  const error = await refused(t, raw.unary(SUBMIT, body));
  // Validation runs on the decoded batch: the first empty command has no opcode.
  t.is(error.fieldViolations[0]?.field, "commands[0].op");
});

test("a command with more than 64 addresses is refused naming its address list", async (t) => {
  const { client, device } = await setup(t);
  const ctx = await client.init({ device, depth: 4 });
  const addresses = Array.from({ length: 65 }, (_, i) => toAddress(BigInt(i)));
  const read = create(CommandSchema, {
    tag: 1n,
    op: { case: "read", value: { target: { mode: { case: "vector", value: { addresses } } } } },
  });
  const error = await t.throwsAsync(ctx.submit([read]), { instanceOf: LnvmError });
  t.like(error, { codeName: "INVALID_ARGUMENT", reason: "INVALID_REQUEST" });
  t.is(error?.fieldViolations[0]?.field, "commands[0].read.target.vector.addresses");
  t.regex(error?.fieldViolations[0]?.description ?? "", /at most 64 addresses per command/);
});

test("a truncated message is refused with INVALID_ARGUMENT, not INTERNAL", async (t) => {
  const { raw } = await setup(t);
  // Field 1 (name) says 5 bytes follow; one does.
  const error = await refused(t, raw.unary(GET_DEVICE, Buffer.from([0x0a, 0x05, 0x61])));
  t.is(error.fieldViolations[0]?.field, "name");
  t.regex(error.fieldViolations[0]?.description ?? "", /length 5 runs past the end/);
});

test("a string field that is not UTF-8 is refused naming the field", async (t) => {
  const { raw } = await setup(t);
  const error = await refused(t, raw.unary(GET_DEVICE, Buffer.from([0x0a, 0x01, 0xff])));
  t.is(error.fieldViolations[0]?.field, "name");
  t.is(error.fieldViolations[0]?.description, "not valid UTF-8");
});

test("a field sent with the wrong wire type is refused naming the field", async (t) => {
  const { raw } = await setup(t);
  const error = await refused(t, raw.unary(GET_DEVICE, Buffer.from([0x08, 0x01])));
  t.is(error.fieldViolations[0]?.field, "name");
  t.regex(error.fieldViolations[0]?.description ?? "", /wire type VARINT, expected LEN/);
});

test("a few unknown fields from a newer client are ignored", async (t) => {
  const { raw, device } = await setup(t);
  const known = toBinary(GetDeviceRequestSchema, create(GetDeviceRequestSchema, { name: device }));
  const outcome = await raw.unary(
    GET_DEVICE,
    Buffer.concat([known, Buffer.from([0xa0, 0x06, 0x07])]),
  );
  t.true(outcome.ok);
});

test("a request over the receive limit fails with RESOURCE_EXHAUSTED", async (t) => {
  const { raw, config } = await setup(t);
  const outcome = await raw.unary(GET_DEVICE, emptyFieldFlood(config.maxRequestBytes + 2));
  t.false(outcome.ok);
  if (!outcome.ok) t.is(outcome.error.codeName, "RESOURCE_EXHAUSTED");
});
