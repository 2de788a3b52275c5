import { constants } from "node:os";

const ERRNO_NAMES = new Map<number, string>(
  Object.entries(constants.errno).map(([name, value]) => [value, name]),
);

/**
 * A failed call into the C library: the function's name and the `errno` it set, read right
 * after the failing call and before any other native call.
 */
export class NativeError extends Error {
  override readonly name = "NativeError";
  /** The C function that failed, e.g. `nvm_async_init`. */
  readonly fn: string;
  /** The `errno` value it set (0 when the function set none). */
  readonly errno: number;
  /** The symbolic errno, e.g. `EAGAIN`, or `E<number>` when unknown. */
  readonly code: string;

  constructor(fn: string, errno: number, detail?: string) {
    const code = ERRNO_NAMES.get(errno) ?? `E${errno}`;
    super(`${fn} failed: ${code} (errno ${errno})${detail ? `: ${detail}` : ""}`);
    this.fn = fn;
    this.errno = errno;
    this.code = code;
  }
}
