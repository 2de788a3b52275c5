import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The `lnvm` executable of this checkout. */
const LNVM_BIN = fileURLToPath(new URL("../../../bin/lnvm.js", import.meta.url));

/** How a spawned `lnvm` ended. */
export interface LnvmRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs `node bin/lnvm.js ...args` as a child process (asynchronously, so an in-process test
 * server keeps serving) against `address`, with `input` on stdin, and collects its output.
 * NO_COLOR is unset and LNVM_ADDRESS is set to `address` unless `env` says otherwise.
 */
export function runLnvm(
  args: readonly string[],
  options: { address?: string; input?: Uint8Array; env?: Record<string, string> } = {},
): Promise<LnvmRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env["NO_COLOR"];
  if (options.address !== undefined) env["LNVM_ADDRESS"] = options.address;
  const child = spawn(process.execPath, [LNVM_BIN, ...args], { env, stdio: "pipe" });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (part: Buffer) => stdout.push(part));
  child.stderr.on("data", (part: Buffer) => stderr.push(part));
  child.stdin.end(options.input ?? new Uint8Array());
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}
