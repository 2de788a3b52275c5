import { writeFile } from "node:fs/promises";
import { status } from "@grpc/grpc-js";
import test from "ava";
import { createLnvmClient, type LnvmError } from "../../../clients/ts/index.js";
import { writeCommand } from "../../helpers/commands.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { startServerProcess } from "../../helpers/lnvmd-process.js";
import { writePolicyFile } from "../../helpers/policy-file.js";
import { createTempImage } from "../../helpers/temp-device.js";
import { writeTokenFile } from "../../helpers/token-file.js";

const G = GEOMETRIES.small;
const data = new Uint8Array(G.wsMin * G.nbytes);

function policyFor(punit: number) {
  return {
    grants: [
      {
        principal: "tenant-a",
        device: "device.img",
        rights: ["read", "write"],
        punits: { first: punit, last: punit },
      },
    ],
  };
}

test("SIGHUP applies a new policy to a context already open, keeps the old one when the new file is malformed, and audits denials without tokens", async (t) => {
  const policy = await writePolicyFile(t, policyFor(0));
  const server = await startServerProcess(t, await createTempImage(t, G), [
    "--token-file",
    await writeTokenFile(t, { "tenant-a": "token-a-secret" }),
    "--policy",
    policy,
  ]);
  const client = createLnvmClient(server.address, { token: "token-a-secret" });
  t.teardown(() => client.close());
  const ctx = await client.init({ device: "device.img", depth: 4 });
  const write = (punit: number, sector: number) =>
    ctx.submit([writeCommand(1n, { group: 0, punit, chunk: 0, sector }, G.wsMin, data)]);
  await t.notThrowsAsync(write(0, 0));
  t.is((await t.throwsAsync<LnvmError>(write(1, 0)))?.code, status.PERMISSION_DENIED);

  await writeFile(policy, JSON.stringify(policyFor(1)));
  const reloaded = server.nextLog((e) => e["msg"] === "reloaded");
  server.child.kill("SIGHUP");
  await reloaded;
  await t.notThrowsAsync(write(1, 0));
  t.is((await t.throwsAsync<LnvmError>(write(0, G.wsMin)))?.code, status.PERMISSION_DENIED);

  await writeFile(policy, '{"grants": [{"principal": "tenant-a"}]}');
  const failed = server.nextLog((e) => String(e["msg"]).startsWith("reload failed"));
  server.child.kill("SIGHUP");
  t.regex(
    JSON.stringify((await failed)["err"]),
    /grants\[0\]\.device: expected a non-empty string/,
  );
  await t.notThrowsAsync(write(1, G.wsMin));

  const denials = server.logs.filter((e) => e["audit"] === "denied");
  t.true(denials.length >= 2);
  t.like(denials[0], {
    principal: "tenant-a",
    rpc: "/lightnvm.v1.AsyncContextService/Submit",
    device: "device.img",
  });
  t.true(
    server.logs.some((e) => e["audit"] === "context created" && e["principal"] === "tenant-a"),
  );
  t.false(JSON.stringify(server.logs).includes("token-a-secret"));
});
