import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ExecutionContext } from "ava";
import type { LnvmClientOptions } from "../../clients/ts/index.js";
import { createTempDir } from "./temp-dir.js";

const MAKE_TEST_CERTS = fileURLToPath(new URL("../../scripts/make-test-certs.sh", import.meta.url));

/** A fresh CA with a server certificate and client certificates, in a temp dir. */
export interface TestCertificates {
  readonly dir: string;
  /** Paths of the CA, server and client PEM files. */
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  /** The flags serving TLS with these certificates, requiring client certificates. */
  readonly mutualTlsFlags: readonly string[];
  /**
   * Client options trusting this CA and presenting client `name`'s certificate if given (or
   * another CA's client, `from`). The server name checked is "localhost" (Node deprecates an
   * IP address as TLS server name).
   */
  clientOptions(name?: string, from?: TestCertificates): Promise<LnvmClientOptions>;
}

/**
 * Runs scripts/make-test-certs.sh into a fresh temp dir (removed when the test ends). `clients`
 * maps a file name to the identity: a URI (becomes the URI SAN) or a plain CN.
 */
export async function createTestCertificates(
  t: ExecutionContext,
  clients: Readonly<Record<string, string>> = { client: "spiffe://lnvm.test/client" },
): Promise<TestCertificates> {
  const dir = await createTempDir(t, "lnvmd-certs-");
  await promisify(execFile)("bash", [
    MAKE_TEST_CERTS,
    dir,
    ...Object.entries(clients).map(([name, identity]) => `${name}=${identity}`),
  ]);
  const caFile = join(dir, "ca.crt");
  const serverCertFile = join(dir, "server.crt");
  const serverKeyFile = join(dir, "server.key");
  return {
    dir,
    caFile,
    serverCertFile,
    serverKeyFile,
    mutualTlsFlags: [
      "--tls-cert",
      serverCertFile,
      "--tls-key",
      serverKeyFile,
      "--tls-client-ca",
      caFile,
    ],
    clientOptions: async (name, from) => {
      const ca = await readFile(caFile);
      const clientDir = from?.dir ?? dir;
      const tls =
        name === undefined
          ? { ca }
          : {
              ca,
              cert: await readFile(join(clientDir, `${name}.crt`)),
              key: await readFile(join(clientDir, `${name}.key`)),
            };
      return { tls, channelOptions: { "grpc.ssl_target_name_override": "localhost" } };
    },
  };
}
