import { status } from "@grpc/grpc-js";
import {
  createLnvmClient,
  type Device,
  type LnvmClient,
  type LnvmClientOptions,
  LnvmError,
} from "../ts/index.js";
import { CliError } from "./cli-error.js";
import type { ClusterSource } from "./cluster-source.js";

/**
 * How long the first call may take, connection included, in milliseconds. grpc-js fails a call
 * at once when the connection is refused (waitForReady is off); this bounds the wait for a host
 * that never answers.
 */
export const CONNECT_DEADLINE_MS = 5000;

/** Where lnvmd is and how to connect to it (TLS, token). */
export interface ServerTarget {
  readonly address: string;
  readonly options: LnvmClientOptions;
  /**
   * The cluster to route device commands through (`--seed`, `--etcd`); `address` then serves
   * only commands that name no device.
   */
  readonly cluster?: ClusterSource | undefined;
}

/**
 * A connection to lnvmd for one command: the client and the server's devices, fetched once when
 * the session opens (which is how an unreachable server is detected quickly).
 */
export class CliSession {
  readonly address: string;
  readonly client: LnvmClient;
  readonly devices: readonly Device[];

  private constructor(address: string, client: LnvmClient, devices: readonly Device[]) {
    this.address = address;
    this.client = client;
    this.devices = devices;
  }

  /**
   * Connects to `address` and lists its devices, failing within `CONNECT_DEADLINE_MS` with
   * "cannot reach lnvmd at ADDRESS: ..." when the server is down.
   */
  static async open({ address, options }: ServerTarget): Promise<CliSession> {
    const client = createLnvmClient(address, options);
    try {
      const devices = await client.devices({ timeoutMs: CONNECT_DEADLINE_MS });
      return new CliSession(address, client, devices);
    } catch (error) {
      client.close();
      throw unreachable(address, error);
    }
  }

  /** The device named `name`; a failure (exit 1) listing the server's devices otherwise. */
  device(name: string): Device {
    const device = this.devices.find((d) => d.name === name);
    if (device) return device;
    const known = this.devices.map((d) => d.name).join(", ") || "none";
    throw CliError.failure(
      `no device ${JSON.stringify(name)} on ${this.address} (devices: ${known})`,
    );
  }

  close(): void {
    this.client.close();
  }
}

/**
 * Opens a session, runs `body`, and closes it. Transport failures (the server went away, a
 * deadline passed) become "cannot reach lnvmd" failures; other errors pass through.
 */
export async function withSession<T>(
  server: ServerTarget,
  body: (session: CliSession) => Promise<T>,
): Promise<T> {
  const { address } = server;
  const session = await CliSession.open(server);
  try {
    return await body(session);
  } catch (error) {
    throw unreachable(address, error);
  } finally {
    session.close();
  }
}

/** `error` as "cannot reach" when it is a transport failure without a server reason. */
function unreachable(address: string, error: unknown): unknown {
  if (!(error instanceof LnvmError) || error.reason !== undefined) return error;
  if (error.code !== status.UNAVAILABLE && error.code !== status.DEADLINE_EXCEEDED) return error;
  const detail = error.message.replace(/\s*Resolution note:\s*$/, "");
  return CliError.failure(`cannot reach lnvmd at ${address}: ${detail}`, error);
}
