import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { bearerToken, TokenTable } from "../auth/token-file.js";
import type { ReloadableCertificates } from "../transport/reloadable-certificates.js";
import type { LnvmdMetrics } from "./lnvmd-metrics.js";

/** The HTTP listener of `--metrics-listen`. */
export interface MetricsServer {
  /** host:port it listens on, with the port it bound. */
  readonly address: string;
  /** `https` with `--metrics-tls`, else `http`. */
  readonly scheme: "http" | "https";
  /** Re-reads the token file; throws TokenFileError and keeps the previous tokens if invalid. */
  reload(): void;
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

/** How the metrics listener is protected (`--metrics-token-file`, `--metrics-tls`). */
export interface MetricsProtection {
  /** Hashed bearer tokens /metrics requires, as `--token-file`; undefined: /metrics is open. */
  readonly tokenFile?: string | undefined;
  /** Serve HTTPS with these certificates, following their reloads; undefined: plain HTTP. */
  readonly certificates?: ReloadableCertificates | undefined;
}

/**
 * Serves, on its own HTTP listener apart from gRPC: `GET /metrics` (the Prometheus text
 * format), `GET /healthz` (200 while the process runs: liveness) and `GET /readyz` (200 while
 * `ready()` is true, 503 once shutdown began: for load balancers). Anything else is 404. With a
 * token file, /metrics answers 401 unless the request carries `authorization: Bearer TOKEN`
 * with a token of the file (the health endpoints stay open: they tell nothing); with
 * certificates, the listener is HTTPS. Throws TokenFileError for a bad token file.
 */
export async function startMetricsServer(
  listen: string,
  metrics: LnvmdMetrics,
  ready: () => boolean,
  log: Logger,
  protection: MetricsProtection = {},
): Promise<MetricsServer> {
  const at = listen.lastIndexOf(":");
  const host = listen.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  const port = Number(listen.slice(at + 1));
  const { tokenFile, certificates } = protection;
  const loadTokens = () =>
    tokenFile === undefined ? undefined : TokenTable.load(tokenFile, "--metrics-token-file");
  let tokens = loadTokens();
  const authorized = (request: IncomingMessage) => {
    if (!tokens) return true;
    const token = bearerToken(request.headers.authorization ?? "");
    return token !== undefined && tokens.principalOf(token) !== undefined;
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/metrics" && !authorized(request)) {
      response
        .writeHead(401, {
          "content-type": "text/plain",
          "www-authenticate": 'Bearer realm="lnvmd"',
        })
        .end("a bearer token of --metrics-token-file is required\n");
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
  };
  let https: HttpsServer | undefined;
  // HTTPS takes each reload of the certificates for its new handshakes.
  const takeReload: Parameters<ReloadableCertificates["addIdentityCertificateListener"]>[0] = (
    update,
  ) => {
    if (update) https?.setSecureContext({ cert: update.certificate, key: update.privateKey });
  };
  if (certificates) {
    const { certificate, privateKey } = certificates.identity;
    https = createHttpsServer({ cert: certificate, key: privateKey }, handle);
    certificates.addIdentityCertificateListener(takeReload);
  }
  const server: Server = https ?? createServer(handle);
  server.listen(port, host);
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => {
      throw new Error(`--metrics-listen ${listen}: ${(error as Error).message}`);
    }),
  ]);
  const bound = server.address() as AddressInfo;
  const address = `${host.includes(":") ? `[${host}]` : host}:${bound.port}`;
  const scheme = certificates ? "https" : "http";
  log.info({ address, scheme, token: tokens !== undefined }, "serving metrics");
  return {
    address,
    scheme,
    reload: () => {
      tokens = loadTokens();
    },
    close: async () => {
      certificates?.removeIdentityCertificateListener(takeReload);
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
