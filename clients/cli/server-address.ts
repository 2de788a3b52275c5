import { CliError } from "./cli-error.js";

/** Where `lnvm` looks for lnvmd without `--address` or `LNVM_ADDRESS`. */
export const DEFAULT_SERVER_ADDRESS = "127.0.0.1:50051";

/**
 * The server address: `--address` if given, else `$LNVM_ADDRESS`, else `DEFAULT_SERVER_ADDRESS`.
 * Must be HOST:PORT (an IPv6 host in brackets) with a port of 1–65535; anything else is a usage
 * error naming where the value came from.
 */
export function resolveServerAddress(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const fromEnv = env["LNVM_ADDRESS"];
  const [source, value] =
    flag !== undefined
      ? ["--address", flag]
      : fromEnv !== undefined && fromEnv !== ""
        ? ["LNVM_ADDRESS", fromEnv]
        : ["default", DEFAULT_SERVER_ADDRESS];
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s/[\]]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw CliError.usage(`${source} ${JSON.stringify(value)} is not HOST:PORT`);
  }
  return value;
}
