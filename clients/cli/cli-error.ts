/** Exit status of a successful command. */
export const EXIT_OK = 0;
/** Exit status when the server refused a call or the device completed a command with an error. */
export const EXIT_FAILURE = 1;
/** Exit status when the command line itself is wrong (unknown option, bad address, ...). */
export const EXIT_USAGE = 2;

/** How a command failed: the two non-zero exit statuses. */
export type CliErrorKind = "usage" | "failure";

/**
 * A failure the tool reports as one message and an exit status: `usage` (exit 2) for a wrong
 * command line, detected before anything reaches the device; `failure` (exit 1) for everything
 * the server or the device refused. RPC errors stay `LnvmError`s until they are reported.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly kind: CliErrorKind;

  constructor(kind: CliErrorKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.kind = kind;
  }

  /** A usage error (exit 2); `message` should name the offending argument or option. */
  static usage(message: string): CliError {
    return new CliError("usage", message);
  }

  /** A runtime failure (exit 1). */
  static failure(message: string, cause?: unknown): CliError {
    return new CliError("failure", message, cause === undefined ? {} : { cause });
  }

  /** The process exit status of this error. */
  get exitCode(): number {
    return this.kind === "usage" ? EXIT_USAGE : EXIT_FAILURE;
  }
}
