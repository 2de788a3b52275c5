import test from "ava";
import { admitCommands } from "../../../service/auth/admit-commands.js";
import { PolicyStore } from "../../../service/auth/policy-store.js";
import type { Principal } from "../../../service/auth/principal.js";
import type { DecodedCommand } from "../../../service/contexts/decoded-command.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { writePolicyFile } from "../../helpers/policy-file.js";
import { startTestServer } from "../../helpers/test-server.js";
import { writeTokenFile } from "../../helpers/token-file.js";

const G = GEOMETRIES.small;
const erase = (tag: bigint): DecodedCommand => ({ op: "erase", tag, chunks: [] });
const device = { device: { geometry: { nbytes: 4096 } } };

test("each principal has buckets of its own: an exhausted one does not delay another", async (t) => {
  const policy = await writePolicyFile(t, {
    grants: [
      { principal: "slow", device: "*", rights: ["read"] },
      { principal: "fast", device: "*", rights: ["read"] },
    ],
    quotas: [
      { principal: "slow", max_iops: 1 },
      { principal: "fast", max_iops: 1_000_000 },
    ],
  });
  const access = new PolicyStore(policy, new Map());
  const slow: Principal = { id: "slow", via: "token", access };
  const fast: Principal = { id: "fast", via: "token", access };
  const never = new AbortController().signal;
  await admitCommands(slow, device, [erase(1n)], never);
  // The slow principal's next batch must wait about a second; cancel it instead of waiting.
  const cancel = new AbortController();
  const held = admitCommands(slow, device, [erase(2n)], cancel.signal);
  // Meanwhile the other principal passes at once: its promise settles while the first still waits.
  let heldSettled = false;
  held.then(
    () => {
      heldSettled = true;
    },
    () => {
      heldSettled = true;
    },
  );
  await admitCommands(fast, device, [erase(3n), erase(4n)], never);
  t.false(heldSettled);
  cancel.abort();
  await t.throwsAsync(held, { message: "call cancelled while rate limited" });
});

test("a Submit over its principal's rate is delayed, not refused", async (t) => {
  const policy = await writePolicyFile(t, {
    grants: [{ principal: "tenant", device: "*", rights: ["read", "write"] }],
    // 64 KiB/s with 16 KiB writes: the second batch is over the burst and waits, then succeeds.
    quotas: [{ principal: "tenant", max_bytes_per_second: 65536 }],
  });
  const tokens = await writeTokenFile(t, { tenant: "t" });
  const { client } = await startTestServer(
    t,
    G,
    ["--token-file", tokens, "--policy", policy],
    undefined,
    {
      token: "t",
    },
  );
  const ctx = await client.init({ device: "device.img", depth: 8 });
  const data = new Uint8Array(G.wsMin * G.nbytes);
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      ctx.write(
        { start: { group: 0, punit: 0, chunk: 0, sector: i * G.wsMin }, count: G.wsMin },
        data,
      ),
    ),
  );
  t.true(results.every((r) => r.status?.code === 0));
  await ctx.term();
});
