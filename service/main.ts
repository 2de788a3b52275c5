import { rename, writeFile } from "node:fs/promises";
import { format } from "node:util";
import { setLogger } from "@grpc/grpc-js";
import { HELP, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startServer } from "./server.js";
import { StartupError } from "./startup-error.js";

/**
 * Entry point: reads the configuration, starts the server, shuts it down gracefully on SIGTERM
 * or SIGINT (a second signal forces) and reloads its files on SIGHUP. Exit status: 0 after a
 * clean shutdown, 1 when the server could not start, 2 on a configuration error. Every log line
 * is JSON, grpc-js's own too.
 */
async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `lnvmd: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`,
    );
    return 2;
  }
  if (!config) {
    process.stdout.write(HELP);
    return 0;
  }
  const log = createLogger(config.logLevel);
  const grpcLog = log.child({ source: "grpc-js" });
  setLogger({
    error: (...args: unknown[]) => grpcLog.error(format(...args)),
    info: (...args: unknown[]) => grpcLog.info(format(...args)),
    debug: (...args: unknown[]) => grpcLog.debug(format(...args)),
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, log);
  } catch (error) {
    if (error instanceof StartupError) log.fatal(error.details, error.message);
    else log.fatal({ err: error }, "could not start");
    // Also one plain line, for whoever reads stderr without a JSON viewer.
    process.stderr.write(
      `lnvmd: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  if (config.readyFile) {
    const ready = JSON.stringify({
      address: server.address,
      ...(server.metricsAddress ? { metricsAddress: server.metricsAddress } : {}),
      devices: server.devices.list().map((d) => d.name),
    });
    await writeFile(`${config.readyFile}.tmp`, `${ready}\n`);
    await rename(`${config.readyFile}.tmp`, config.readyFile);
  }
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, "signal received");
      server.shutdown().then(resolve, (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        resolve();
      });
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
    process.on("SIGHUP", () => {
      log.info({ signal: "SIGHUP" }, "signal received: reloading");
      server.reload().catch((error: unknown) => {
        log.error({ err: error }, "reload failed: the previous files stay in force");
      });
    });
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    if (code !== 0) return;
    // Anything still holding the loop after a clean shutdown is not ours to wait for.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (error: unknown) => {
    process.stderr.write(`lnvmd: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
