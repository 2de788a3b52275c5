/**
 * A reason the server cannot start that the operator can act on (an image another lnvmd holds, a
 * port in use). `main.ts` logs it as one JSON line, its message plus `details`, without a stack,
 * and exits 1; any other error at start is logged with its stack.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
  /** Fields of the log line besides the message, e.g. `{ path, code: "EBUSY" }`. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown>, cause: unknown) {
    super(message, { cause });
    this.details = details;
  }
}
