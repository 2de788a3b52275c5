import { createHash, randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createLnvmClient } from "../clients/ts/index.js";
import { BENCH_GEOMETRY } from "./bench-geometry.js";
import type { BenchRow } from "./bench-row.js";
import { rowFromLoop } from "./binding-workloads.js";
import { type ServiceFixture, type ServiceImage, startServiceFixture } from "./service-fixture.js";
import { createServiceLoop } from "./service-io-loop.js";
import {
  randomReadRun,
  rowFromSamples,
  type ServiceSample,
  sampleRun,
  warmUpService,
} from "./service-workloads.js";

/** The limited tenant's `max_iops` in the bench's policy file. */
export const LIMITED_TENANT_MAX_IOPS = 5000;
/** Queue depth of both tenants' 4 KiB random reads. */
export const TENANT_QD = 64;
/**
 * How long the limited tenant reads alone before the measured window: its bucket starts with
 * one second's worth of I/Os, spent well within this at full speed, so the window sees the rate.
 */
const LIMITED_TENANT_LEAD_S = 1;

/**
 * Channel option giving a client an HTTP/2 connection of its own, as a tenant in a process of
 * its own has: grpc-js otherwise shares one connection between clients of one process with the
 * same target and options.
 */
const OWN_CONNECTION = { "grpc.use_local_subchannel_pool": 1 } as const;

const LIMITED = "bench-tenant-limited";
const UNLIMITED = "bench-tenant-unlimited";

/** The token file line accepting `token` for `principal`: the token's SHA-256, in hex. */
function tokenLine(principal: string, token: string): string {
  return `${principal} sha256:${createHash("sha256").update(token).digest("hex")}`;
}

/**
 * Two tenants on one server with a policy file: tenant A (`max_iops` `LIMITED_TENANT_MAX_IOPS`)
 * and tenant B (no limit), each with a bearer token and its own client connection, both
 * reading 4 KiB at random at `TENANT_QD`. B reads alone for `seconds` / 2; then A starts, and
 * after `LIMITED_TENANT_LEAD_S` B reads for `seconds` beside it, the window A's IOPS are
 * counted over; then B reads alone for another `seconds` / 2. Rows: A in the window
 * (`service-tenant-limited`), B beside A (`service-tenant-other`) and B alone, both halves
 * merged (`service-tenant-alone`).
 */
export async function measureRateLimitedTenants(
  image: ServiceImage,
  dir: string,
  seconds: number,
): Promise<BenchRow[]> {
  const tokens = {
    [LIMITED]: randomBytes(16).toString("hex"),
    [UNLIMITED]: randomBytes(16).toString("hex"),
  };
  const tokenFile = join(dir, "tenant-tokens");
  const policyFile = join(dir, "tenant-policy.json");
  await writeFile(
    tokenFile,
    `${Object.entries(tokens)
      .map(([principal, token]) => tokenLine(principal, token))
      .join("\n")}\n`,
  );
  const policy = {
    grants: [LIMITED, UNLIMITED].map((principal) => ({ principal, device: "*", rights: ["read"] })),
    quotas: [{ principal: LIMITED, max_iops: LIMITED_TENANT_MAX_IOPS }],
  };
  await writeFile(policyFile, `${JSON.stringify(policy, null, 2)}\n`);
  const server: ServiceFixture = await startServiceFixture(image, "127.0.0.1:0", dir, {
    flags: ["--token-file", tokenFile, "--policy", policyFile],
    clientOptions: { token: tokens[UNLIMITED] as string, channelOptions: OWN_CONNECTION },
  });
  const limitedClient = createLnvmClient(server.server.address, {
    token: tokens[LIMITED] as string,
    channelOptions: OWN_CONNECTION,
  });
  const unlimitedClient = createLnvmClient(server.server.address, server.clientOptions);
  const run = randomReadRun(server, TENANT_QD);
  try {
    await warmUpService(server, "session");
    const aloneBefore = await sampleRun(unlimitedClient, server, "session", run, seconds / 2);

    const context = await limitedClient.init({ device: server.device, depth: TENANT_QD });
    const limited = createServiceLoop(context, randomReadRun(server, TENANT_QD));
    const limitedRun = limited.loop.run();
    limitedRun.catch(() => {}); // awaited below; a failure meanwhile must not go unhandled
    let besideLimited: ServiceSample;
    let window: { ncommands: number; errors: number; seconds: number };
    try {
      await sleep(LIMITED_TENANT_LEAD_S * 1000);
      const n0 = limited.loop.ncommands;
      const e0 = limited.loop.errors;
      const t0 = performance.now();
      limited.loop.latency.reset();
      besideLimited = await sampleRun(unlimitedClient, server, "session", run, seconds);
      window = {
        ncommands: limited.loop.ncommands - n0,
        errors: limited.loop.errors - e0,
        seconds: (performance.now() - t0) / 1000,
      };
    } finally {
      limited.loop.stop();
      await limitedRun.finally(() => context.term());
    }
    const aloneAfter = await sampleRun(unlimitedClient, server, "session", run, seconds / 2);

    const limitedRow = rowFromLoop(
      "service-tenant-limited",
      run.workload,
      TENANT_QD,
      run.pattern.nsectors * BENCH_GEOMETRY.nbytes,
      { ...window, exhausted: false, latency: limited.loop.latency },
    );
    const share = ((limitedRow.iops ?? 0) / LIMITED_TENANT_MAX_IOPS).toFixed(3);
    return [
      {
        ...limitedRow,
        note: `tenant A, max_iops ${LIMITED_TENANT_MAX_IOPS}: ${share} × its limit over tenant B's ${seconds} s beside it; its latency is mostly the wait at admission`,
      },
      rowFromSamples(
        "service-tenant-other",
        run,
        [besideLimited],
        "tenant B, no limit, beside tenant A",
      ),
      rowFromSamples(
        "service-tenant-alone",
        run,
        [aloneBefore, aloneAfter],
        `tenant B alone, ${seconds / 2} s before and ${seconds / 2} s after`,
      ),
    ];
  } finally {
    limitedClient.close();
    unlimitedClient.close();
    await server.server.stop();
  }
}
