import { LnvmError } from "../ts/index.js";
import { CliError, EXIT_FAILURE } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";

/**
 * Prints `error` to stderr as `lnvm <command>: <message>` and returns the exit status: a
 * `CliError`'s own (usage errors add a pointer to `--help`); 1 for an RPC error, printed with its
 * gRPC code, ErrorInfo reason and every BadRequest field violation; 1 for anything else.
 */
export function reportError(io: CliIo, command: string, error: unknown): number {
  const prefix = command ? `lnvm ${command}` : "lnvm";
  if (error instanceof CliError) {
    io.stderr.write(`${prefix}: ${error.message}\n`);
    if (error.kind === "usage") {
      io.stderr.write(`Run 'lnvm${command ? ` ${command}` : ""} --help' for usage.\n`);
    }
    return error.exitCode;
  }
  if (error instanceof LnvmError) {
    const cause = error.reason ? `${error.codeName} (${error.reason})` : error.codeName;
    io.stderr.write(`${prefix}: ${cause}: ${error.message}\n`);
    for (const violation of error.fieldViolations) {
      io.stderr.write(`  ${violation.field}: ${violation.description}\n`);
    }
    const metadata = Object.entries(error.metadata);
    if (metadata.length > 0) {
      io.stderr.write(`  ${metadata.map(([k, v]) => `${k}=${v}`).join(" ")}\n`);
    }
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${prefix}: unexpected error: ${message}\n`);
  return EXIT_FAILURE;
}
