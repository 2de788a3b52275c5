import { create } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import { createLnvmClient, type LnvmError } from "../../../clients/ts/index.js";
import { SessionRequestSchema } from "../../../gen/ts/lightnvm/v1/async_context_pb.js";
import { writeCommand } from "../../helpers/commands.js";
import { openCompletionStream } from "../../helpers/completion-stream.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { createTestCertificates } from "../../helpers/test-certificates.js";
import { startTestServer } from "../../helpers/test-server.js";

const G = GEOMETRIES.small;
const TENANT_A = "spiffe://lnvm.test/tenant-a";
const TENANT_B = "spiffe://lnvm.test/tenant-b";

/** A mutual TLS server without a policy file and clients for tenants A and B. */
async function twoTenants(t: ExecutionContext) {
  const certs = await createTestCertificates(t, { a: TENANT_A, b: TENANT_B });
  const { address, client: a } = await startTestServer(
    t,
    G,
    certs.mutualTlsFlags,
    undefined,
    await certs.clientOptions("a"),
  );
  const b = createLnvmClient(address, await certs.clientOptions("b"));
  t.teardown(() => b.close());
  return { a, b };
}

function unary<T>(run: (cb: (error: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}

test("tenant B gets PERMISSION_DENIED on every RPC naming tenant A's context, sessions included, and A's context is untouched", async (t) => {
  const { a, b } = await twoTenants(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  const id = ctx.id;
  const rpc = b.stubs.contexts;
  const data = new Uint8Array(G.wsMin * G.nbytes);
  const attempts: Record<string, Promise<unknown>> = {
    Submit: unary((cb) =>
      rpc.submit(
        {
          $typeName: "lightnvm.v1.SubmitRequest",
          contextId: id,
          commands: [writeCommand(1n, { group: 0, punit: 0, chunk: 0, sector: 0 }, G.wsMin, data)],
        },
        cb,
      ),
    ),
    Poke: unary((cb) =>
      rpc.poke(
        { $typeName: "lightnvm.v1.PokeRequest", contextId: id, max: 0, maxResponseBytes: 0 },
        cb,
      ),
    ),
    Wait: unary((cb) =>
      rpc.wait({ $typeName: "lightnvm.v1.WaitRequest", contextId: id, maxResponseBytes: 0 }, cb),
    ),
    Acknowledge: unary((cb) =>
      rpc.acknowledge(
        { $typeName: "lightnvm.v1.AcknowledgeRequest", contextId: id, through: 1n },
        cb,
      ),
    ),
    Session: new Promise((resolve, reject) => {
      const session = rpc.session();
      t.teardown(() => session.cancel());
      session.on("error", reject);
      session.on("data", resolve);
      session.write(
        create(SessionRequestSchema, {
          open: { context: { case: "contextId", value: id } },
        }),
      );
    }),
    GetContext: unary((cb) =>
      rpc.getContext({ $typeName: "lightnvm.v1.GetContextRequest", contextId: id }, cb),
    ),
    Term: unary((cb) => rpc.term({ $typeName: "lightnvm.v1.TermRequest", contextId: id }, cb)),
    StreamCompletions: new Promise((resolve, reject) => {
      const { call } = openCompletionStream(t, b, id);
      call.on("error", reject);
      call.on("end", resolve);
    }),
  };
  for (const [name, attempt] of Object.entries(attempts)) {
    const error = await t.throwsAsync<LnvmError & { code: number }>(attempt, undefined, name);
    t.is(error?.code, status.PERMISSION_DENIED, name);
  }
  // A still owns a working context.
  const written = await ctx.write(
    { start: { group: 0, punit: 0, chunk: 0, sector: 0 }, count: G.wsMin },
    data,
  );
  t.is(written.status?.code, 0);
  await ctx.term();
});

test("an id that does not exist gets the same answer as another tenant's context", async (t) => {
  const { a, b } = await twoTenants(t);
  const ctx = await a.init({ device: "device.img", depth: 4 });
  t.teardown(() => ctx.term().catch(() => {}));
  const ask = (contextId: string) =>
    t.throwsAsync<LnvmError>(
      unary((cb) =>
        b.stubs.contexts.getContext({ $typeName: "lightnvm.v1.GetContextRequest", contextId }, cb),
      ),
    );
  const other = await ask(ctx.id);
  const missing = await ask("00000000-0000-4000-8000-000000000000");
  t.is(other?.code, missing?.code);
  t.is(
    other?.message.replace(ctx.id, "ID"),
    missing?.message.replace("00000000-0000-4000-8000-000000000000", "ID"),
  );
});

test("a tenant's own Term works, and its contexts stay invisible to the other tenant", async (t) => {
  const { a, b } = await twoTenants(t);
  const mine = await b.init({ device: "device.img", depth: 4 });
  const theirs = await a.init({ device: "device.img", depth: 4 });
  await mine.term();
  const error = await t.throwsAsync<LnvmError>(
    unary((cb) =>
      b.stubs.contexts.term({ $typeName: "lightnvm.v1.TermRequest", contextId: theirs.id }, cb),
    ),
  );
  t.is(error?.code, status.PERMISSION_DENIED);
  await theirs.term();
});
