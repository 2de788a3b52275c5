import { Writable } from "node:stream";
import {
  type ClientReadableStream,
  credentials,
  makeGenericClientConstructor,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import pino from "pino";
import { invalidRequest } from "../../service/errors.js";
import {
  type ServerStreamSink,
  serverStreamHandler,
} from "../../service/handlers/server-stream-handler.js";

interface Request {
  readonly n: number;
}
interface Message {
  readonly i: number;
  readonly pad: string;
}

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as never,
};
const DEFINITION: ServiceDefinition = {
  stream: {
    path: "/test.Test/Stream",
    requestStream: false,
    responseStream: true,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  },
};
const TestClient = makeGenericClientConstructor(DEFINITION, "Test");

type Run = (request: Request, sink: ServerStreamSink<Message>) => Promise<void>;

/** A real server on an ephemeral port whose one method runs `run`; its log lines are kept. */
async function serve(t: ExecutionContext, run: Run) {
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    new Writable({
      write(line: Buffer, _encoding, done) {
        logs.push(JSON.parse(line.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  const server = new Server();
  server.addService(DEFINITION, { stream: serverStreamHandler(log, "Stream", run) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const client = new TestClient(`127.0.0.1:${port}`, credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const open = (request: Request) =>
    (client as unknown as { stream(r: Request): ClientReadableStream<Message> }).stream(request);
  return { open, logs };
}

/** Every message of `call` until it ends, and the error it ended with, if any. */
async function collect(call: ClientReadableStream<Message>) {
  const messages: number[] = [];
  try {
    for await (const message of call) messages.push((message as Message).i);
    return { messages, error: undefined };
  } catch (error) {
    return { messages, error: error as ServiceError };
  }
}

test("a handler's messages arrive in order and the stream ends with OK", async (t) => {
  const { open } = await serve(t, async (request, sink) => {
    for (let i = 0; i < request.n; i++) await sink.send({ i, pad: "" });
  });
  t.deepEqual(await collect(open({ n: 5 })), { messages: [0, 1, 2, 3, 4], error: undefined });
});

test("a StorageError thrown after some messages ends the stream with its status and details", async (t) => {
  const { open, logs } = await serve(t, async (_request, sink) => {
    await sink.send({ i: 0, pad: "" });
    throw invalidRequest([{ field: "n", description: "too many" }]);
  });
  const { messages, error } = await collect(open({ n: 1 }));
  t.deepEqual(messages, [0]);
  t.is(error?.code, status.INVALID_ARGUMENT);
  t.is(error?.details, "n: too many");
  t.is(error?.metadata.get("grpc-status-details-bin").length, 1);
  t.deepEqual(logs, [], "an expected error is not logged");
});

test("an unexpected error ends the stream with INTERNAL and is logged with the method", async (t) => {
  const { open, logs } = await serve(t, async () => {
    throw new TypeError("boom");
  });
  const { error } = await collect(open({ n: 1 }));
  t.is(error?.code, status.INTERNAL);
  t.regex(error?.details ?? "", /internal error: boom/);
  t.like(logs[0], { method: "Stream", msg: "handler failed" });
});

test("a cancelled call aborts the signal, so a handler writing to a client that reads nothing returns", async (t) => {
  let finished: (signalAborted: boolean) => void = () => {};
  const handlerDone = new Promise<boolean>((resolve) => {
    finished = resolve;
  });
  const { open } = await serve(t, async (_request, sink) => {
    // Large messages to a client that reads none fill the transport, so a send waits for drain.
    const pad = "x".repeat(256 * 1024);
    for (let i = 0; !sink.signal.aborted; i++) await sink.send({ i, pad });
    finished(sink.signal.aborted);
  });
  const call = open({ n: 0 });
  call.on("error", () => {});
  call.pause();
  await new Promise((resolve) => call.once("readable", resolve));
  call.cancel();
  t.true(await handlerDone);
});
