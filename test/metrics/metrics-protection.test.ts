import { readFile, writeFile } from "node:fs/promises";
import { request } from "node:https";
import test from "ava";
import { ConfigError, loadConfig } from "../../service/config.js";
import { GEOMETRIES } from "../helpers/geometries.js";
import { createTestCertificates } from "../helpers/test-certificates.js";
import { startTestServer } from "../helpers/test-server.js";
import { tokenLine, writeTokenFile } from "../helpers/token-file.js";

const g = GEOMETRIES.small;

/** GET `url` with `authorization: Bearer token` when given; the status and body. */
async function get(url: string, token?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, body: await response.text() };
}

test("a metrics listener beyond loopback is refused unless it has TLS and a token, or --insecure", (t) => {
  const config = (...flags: string[]) => loadConfig(flags, {});
  t.throws(() => config("--metrics-listen", "0.0.0.0:9464"), {
    instanceOf: ConfigError,
    message:
      "--metrics-listen 0.0.0.0:9464 is not a loopback address: protect it with --metrics-tls and --metrics-token-file, or allow it unprotected with --insecure",
  });
  const tls = ["--tls-cert", "s.crt", "--tls-key", "s.key"];
  t.throws(
    () => config(...tls, "--metrics-listen", "0.0.0.0:9464", "--metrics-token-file", "tokens"),
    { message: /not a loopback address/ },
  );
  t.throws(() => config(...tls, "--metrics-listen", "0.0.0.0:9464", "--metrics-tls"), {
    message: /not a loopback address/,
  });
  t.like(
    config(
      ...tls,
      "--metrics-listen",
      "0.0.0.0:9464",
      "--metrics-tls",
      "--metrics-token-file",
      "tokens",
    ),
    { metricsTls: true, metricsTokenFile: "tokens" },
  );
  t.like(config("--metrics-listen", "[::]:9464", "--insecure"), { metricsListen: "[::]:9464" });
  t.like(config("--metrics-listen", "127.0.0.1:9464"), { metricsTls: false });
  t.throws(() => config("--metrics-listen", "127.0.0.1:9464", "--metrics-tls"), {
    message: "--metrics-tls needs --tls-cert and --tls-key",
  });
  t.throws(() => config("--metrics-token-file", "tokens"), {
    message: "--metrics-token-file needs --metrics-listen",
  });
  t.throws(() => config(...tls, "--metrics-tls"), {
    message: "--metrics-tls needs --metrics-listen",
  });
});

test("with --metrics-token-file, /metrics answers 401 without a token of the file and 200 with one, health stays open, and a reload swaps the tokens", async (t) => {
  const tokenFile = await writeTokenFile(t, { prometheus: "scrape-secret" });
  const { server } = await startTestServer(t, g, [
    "--metrics-listen",
    "127.0.0.1:0",
    "--metrics-token-file",
    tokenFile,
  ]);
  const base = `http://${server.metricsAddress}`;
  const none = await get(`${base}/metrics`);
  t.is(none.status, 401);
  t.is(none.body, "a bearer token of --metrics-token-file is required\n");
  t.is((await get(`${base}/metrics`, "wrong")).status, 401);
  const scraped = await get(`${base}/metrics`, "scrape-secret");
  t.is(scraped.status, 200);
  t.regex(scraped.body, /^lnvmd_device_commands_total\{/m);
  t.is((await get(`${base}/healthz`)).status, 200);
  t.is((await get(`${base}/readyz`)).status, 200);

  await writeFile(tokenFile, `${tokenLine("prometheus", "rotated")}\n`);
  await server.reload();
  t.is((await get(`${base}/metrics`, "scrape-secret")).status, 401);
  t.is((await get(`${base}/metrics`, "rotated")).status, 200);
});

test("a malformed metrics token file refuses to start, naming the flag, file and line", async (t) => {
  const tokenFile = await writeTokenFile(t, {});
  await writeFile(tokenFile, "prometheus scrape-secret\n");
  const error = await t.throwsAsync(
    startTestServer(t, g, ["--metrics-listen", "127.0.0.1:0", "--metrics-token-file", tokenFile]),
  );
  t.is(
    error?.message,
    `--metrics-token-file ${tokenFile}:1: expected "PRINCIPAL sha256:<64 hex digits>"`,
  );
});

test("with --metrics-tls the metrics listener serves HTTPS with the server's certificate", async (t) => {
  const certs = await createTestCertificates(t);
  const { server } = await startTestServer(
    t,
    g,
    [...certs.mutualTlsFlags, "--metrics-listen", "127.0.0.1:0", "--metrics-tls"],
    undefined,
    await certs.clientOptions("client"),
  );
  const [host = "", port = ""] = (server.metricsAddress ?? "").split(":");
  const ca = await readFile(certs.caFile);
  // Verified against the test CA for the name "localhost": the server's own certificate.
  const { status, body } = await new Promise<{ status: number | undefined; body: string }>(
    (resolve, reject) => {
      const call = request({ host, port, path: "/metrics", ca, servername: "localhost" }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      call.on("error", reject);
      call.end();
    },
  );
  t.is(status, 200);
  t.regex(body, /^lnvmd_device_commands_total\{/m);
  // Plain HTTP gets no metrics from it.
  await t.throwsAsync(fetch(`http://${server.metricsAddress}/metrics`));
});
