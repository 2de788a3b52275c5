import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";

/** The token of an `authorization: Bearer TOKEN` header value (the scheme in any case). */
export function bearerToken(header: string): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/** A token file line that cannot be used, or a file that cannot be read. */
export class TokenFileError extends Error {
  override readonly name = "TokenFileError";
}

const SHA256_NBYTES = 32;
const LINE = /^(\S+)\s+sha256:([0-9a-f]{64})$/i;

interface TokenEntry {
  readonly principal: string;
  readonly hash: Buffer;
}

/**
 * The bearer tokens the server accepts, read from a file of lines `PRINCIPAL sha256:HEX`, where
 * HEX is the SHA-256 of the token (`printf %s "$TOKEN" | sha256sum`); blank lines and lines
 * starting with `#` are ignored. The file holds no token itself.
 */
export class TokenTable {
  readonly #entries: readonly TokenEntry[];

  private constructor(entries: readonly TokenEntry[]) {
    this.#entries = entries;
  }

  /**
   * Reads and checks `path`; throws TokenFileError naming `flag` (the option that named the
   * file), the file and the line.
   */
  static load(path: string, flag = "--token-file"): TokenTable {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new TokenFileError(
        `${flag} ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const entries: TokenEntry[] = [];
    const seen = new Set<string>();
    text.split("\n").forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const match = LINE.exec(line);
      if (!match) {
        throw new TokenFileError(
          `${flag} ${path}:${index + 1}: expected "PRINCIPAL sha256:<64 hex digits>"`,
        );
      }
      const [, principal = "", hex = ""] = match;
      if (seen.has(hex.toLowerCase())) {
        throw new TokenFileError(`${flag} ${path}:${index + 1}: the same token hash twice`);
      }
      seen.add(hex.toLowerCase());
      entries.push({ principal, hash: Buffer.from(hex, "hex") });
    });
    return new TokenTable(entries);
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * The principal `token` was issued to, or undefined. Its hash is compared with every entry in
   * constant time and without stopping at a match, so timing reveals neither which entry
   * matched nor how much of a hash did.
   */
  principalOf(token: string): string | undefined {
    const hash = createHash("sha256").update(token, "utf8").digest();
    let found: string | undefined;
    for (const entry of this.#entries) {
      if (hash.length === SHA256_NBYTES && timingSafeEqual(hash, entry.hash)) {
        found ??= entry.principal;
      }
    }
    return found;
  }
}
