import { readFileSync } from "node:fs";
import type { LnvmClientOptions } from "../ts/index.js";
import { CliError } from "./cli-error.js";

/** The command-line values `resolveConnectionOptions` reads. */
export interface ConnectionFlags {
  readonly tls?: boolean | undefined;
  readonly "tls-ca"?: string | undefined;
  readonly "tls-cert"?: string | undefined;
  readonly "tls-key"?: string | undefined;
  readonly "tls-server-name"?: string | undefined;
  readonly token?: string | undefined;
}

function readPem(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw CliError.usage(
      `${flag} ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * The client options of `--tls`, `--tls-ca`, `--tls-cert`, `--tls-key`, `--tls-server-name` and
 * `--token` (already resolved against `$LNVM_TLS_CA`, `$LNVM_TLS_CERT`, `$LNVM_TLS_KEY`,
 * `$LNVM_TLS_SERVER_NAME` and `$LNVM_TOKEN` by the option table). Any TLS file implies TLS;
 * `--tls` alone trusts the system's roots. A certificate needs its key; an unreadable file is a
 * usage error naming it.
 */
export function resolveConnectionOptions(flags: ConnectionFlags): LnvmClientOptions {
  const pick = (flag: Exclude<keyof ConnectionFlags, "tls">) => {
    const value = flags[flag];
    return value !== undefined && value !== "" ? value : undefined;
  };
  const ca = pick("tls-ca");
  const cert = pick("tls-cert");
  const key = pick("tls-key");
  const serverName = pick("tls-server-name");
  const token = pick("token");
  if ((cert === undefined) !== (key === undefined)) {
    throw CliError.usage(
      cert === undefined ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key",
    );
  }
  const useTls = flags.tls === true || ca !== undefined || cert !== undefined;
  if (!useTls && serverName !== undefined) throw CliError.usage("--tls-server-name needs TLS");
  return {
    ...(useTls
      ? {
          tls: {
            ...(ca === undefined ? {} : { ca: readPem("--tls-ca", ca) }),
            ...(cert === undefined ? {} : { cert: readPem("--tls-cert", cert) }),
            ...(key === undefined ? {} : { key: readPem("--tls-key", key) }),
          },
        }
      : {}),
    ...(token === undefined ? {} : { token }),
    ...(serverName === undefined
      ? {}
      : { channelOptions: { "grpc.ssl_target_name_override": serverName } }),
  };
}
