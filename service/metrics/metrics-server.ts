import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { LnvmdMetrics } from "./lnvmd-metrics.js";

/** The HTTP listener of `--metrics-listen`. */
export interface MetricsServer {
  /** host:port it listens on, with the port it bound. */
  readonly address: string;
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

/**
 * Serves, on its own HTTP listener apart from gRPC: `GET /metrics` (the Prometheus text
 * format), `GET /healthz` (200 while the process runs: liveness) and `GET /readyz` (200 while
 * `ready()` is true, 503 once shutdown began: for load balancers). Anything else is 404.
 */
export async function startMetricsServer(
  listen: string,
  metrics: LnvmdMetrics,
  ready: () => boolean,
  log: Logger,
): Promise<MetricsServer> {
  const at = listen.lastIndexOf(":");
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  const port = Number(listen.slice(at + 1));
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/metrics") {
      metrics.render().then(
        (text) => response.writeHead(200, { "content-type": metrics.contentType }).end(text),
        (error: unknown) => {
          log.error({ err: error }, "metrics scrape failed");
          response.writeHead(500, { "content-type": "text/plain" }).end("scrape failed\n");
        },
      );
    } else if (path === "/healthz") {
      response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else if (path === "/readyz") {
      const serving = ready();
      response
        .writeHead(serving ? 200 : 503, { "content-type": "text/plain" })
        .end(serving ? "serving\n" : "shutting down\n");
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  server.listen(port, host);
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => {
      throw new Error(`--metrics-listen ${listen}: ${(error as Error).message}`);
    }),
  ]);
  const bound = server.address() as AddressInfo;
  const address = `${host.includes(":") ? `[${host}]` : host}:${bound.port}`;
  log.info({ address }, "serving metrics");
  return {
    address,
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
