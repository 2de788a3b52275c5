import { CliError } from "./cli-error.js";

/** Where `lnvm` looks for lnvmd without `--address` or `LNVM_ADDRESS`. */
export const DEFAULT_SERVER_ADDRESS = "127.0.0.1:50051";

/**
 * Checks a server address given by `source` (`--address` or `LNVM_ADDRESS`): HOST:PORT (an IPv6
 * host in brackets) with a port of 1–65535; anything else is a usage error naming the source.
 */
export function parseServerAddress(text: string, source: string): string {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s/[\]]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw CliError.usage(`${source} ${JSON.stringify(text)} is not HOST:PORT`);
  }
  return text;
}
