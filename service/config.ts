import { MAX_CONTEXT_DEPTH, type ModelImageOptions } from "../native/binding/index.js";
import {
  choiceOption,
  formatOptionHelp,
  integerOption,
  listOption,
  OptionError,
  type ParsedOptions,
  parseOptions,
  parseWholeNumber,
  switchOption,
  textOption,
  valueOption,
} from "../options/index.js";
import { isLoopbackAddress } from "./transport/loopback-address.js";
import type { CertificateFiles } from "./transport/reloadable-certificates.js";

/**
 * Bytes of a gRPC message kept for its framing and request fields: one command's data, and the
 * completions of one stream batch or Poke/Wait response, must fit the message limit less this.
 */
export const MESSAGE_OVERHEAD_NBYTES = 1024;

/**
 * Bytes held for one context by default: 64 reads of 256 KiB in flight or unacknowledged.
 */
export const DEFAULT_CONTEXT_HELD_BYTES = 16 * 1024 * 1024;

/**
 * Bytes held for all contexts by default: what 4 contexts may hold with 64 reads of 256 KiB
 * each, so any number of stalled readers cannot take more than this (plus, per session, up to
 * 1 MiB of messages inside grpc-js, grpc-js's framed copy of them, and 1 MiB of reusable message
 * buffers).
 */
export const DEFAULT_SERVER_HELD_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of one Submit a client fills before it sends another: commands and their data. With
 * one command's data on top (a batch closes after the command that crosses it, as the
 * TypeScript client's do at 3 MiB) it sizes the default receive limit, the largest
 * legitimate request: a message over it is refused before it is buffered.
 */
export const SUBMIT_BATCH_NBYTES = 4 * 1024 * 1024;

/**
 * Calls open at once on one connection by default. HTTP/2 recommends at least 100, and grpc-js
 * and Node clients assume 100 until the server's SETTINGS arrive, so none of their first calls
 * is refused.
 */
export const DEFAULT_MAX_CONCURRENT_STREAMS = 100;

/** Everything the server can be configured with; see `SERVER_OPTIONS`. */
export interface ServerConfig {
  /** host:port to listen on (port 0 picks a free one), or unix:PATH. */
  readonly listen: string;
  /** Device paths to open. Empty: the default model image. */
  readonly devices: readonly string[];
  /** The default model image, created on first start if missing. */
  readonly image: string;
  /** Geometry of a newly created default image. */
  readonly geometry: ModelImageOptions;
  /** Create a new default image durable (completions on stable storage). */
  readonly durable: boolean;
  /** liblightnvm-compatible library; undefined: `$LNVM_LIBRARY`, else the in-tree model. */
  readonly library: string | undefined;
  readonly defaultDepth: number;
  readonly maxDepth: number;
  readonly maxContexts: number;
  /** Largest gRPC message the server sends, bytes. */
  readonly maxMessageBytes: number;
  /**
   * Largest gRPC message the server receives, bytes: larger ones get RESOURCE_EXHAUSTED before
   * they are buffered. One connection buffers at most `maxConcurrentStreams` × this.
   */
  readonly maxRequestBytes: number;
  /** HTTP/2 streams (calls) one connection may have open at once. */
  readonly maxConcurrentStreams: number;
  /** Largest data payload of one command, bytes. */
  readonly maxCommandBytes: number;
  /** Most bytes held for one context: buffers of its commands, data of held completions. */
  readonly contextHeldBytes: number;
  /** Most bytes held for all contexts together. */
  readonly serverHeldBytes: number;
  /** Idle lease of a context in milliseconds; 0 disables reclaiming. */
  readonly leaseMs: number;
  /** How long a graceful shutdown may take before it is forced, milliseconds. */
  readonly shutdownTimeoutMs: number;
  /** Completions reaped per context per poller tick. */
  readonly pokeMax: number;
  readonly logLevel: string;
  /** File to write `{"address", "devices", "metricsAddress"?}` to once serving; undefined: none. */
  readonly readyFile: string | undefined;
  /** host:port of the HTTP listener for /metrics, /healthz and /readyz; undefined: off. */
  readonly metricsListen: string | undefined;
  /** Hashed bearer tokens /metrics accepts (`TokenTable`); undefined: /metrics is open. */
  readonly metricsTokenFile: string | undefined;
  /** Serve the metrics listener over HTTPS with the server's certificate (`tls`). */
  readonly metricsTls: boolean;
  /** etcd endpoints of the cluster directory; empty: no cluster. */
  readonly etcd: readonly string[];
  /** Key prefix of the cluster in etcd. */
  readonly etcdPrefix: string;
  /** TTL of the node's lease in etcd, seconds. */
  readonly etcdLeaseTtlS: number;
  /** host:port other nodes and clients reach this node at; undefined: the bound address. */
  readonly advertise: string | undefined;
  /** TLS certificate files; undefined: plaintext. */
  readonly tls: CertificateFiles | undefined;
  /** Allows plaintext on an address other than loopback or a unix socket. */
  readonly insecure: boolean;
  /** File of hashed bearer tokens (`TokenTable`); undefined: tokens are not accepted. */
  readonly tokenFile: string | undefined;
  /** The access policy file (JSON); undefined: the open policy. */
  readonly policyFile: string | undefined;
  /** Whether server reflection answers unauthenticated callers. */
  readonly reflection: "open" | "authenticated";
}

/** The default geometry of a new model image: 8 parallel units of 64 chunks of 16 MiB. */
export const DEFAULT_GEOMETRY = "npugrp=2,npunit=4,nchunk=64,nsectr=4096";

const GEOMETRY_KEYS: Record<string, keyof ModelImageOptions> = {
  npugrp: "npugrp",
  npunit: "npunit",
  nchunk: "nchunk",
  nsectr: "nsectr",
  nbytes: "nbytes",
  nbytes_oob: "nbytesOob",
  ws_min: "wsMin",
  ws_opt: "wsOpt",
  mw_cunits: "mwCunits",
  mccap: "mccap",
};

/**
 * The metrics listener's rule: `--metrics-tls` needs the server's certificate and both metrics
 * options need `--metrics-listen`; beyond loopback the listener needs TLS and a token, or
 * `--insecure`, since /metrics names devices and principals and counts their I/O.
 */
function checkMetricsProtection(config: ServerConfig): void {
  const { metricsListen, metricsTls, metricsTokenFile } = config;
  if (metricsTls && !config.tls)
    throw new ConfigError("--metrics-tls needs --tls-cert and --tls-key");
  if (metricsListen === undefined) {
    if (metricsTls) throw new ConfigError("--metrics-tls needs --metrics-listen");
    if (metricsTokenFile !== undefined) {
      throw new ConfigError("--metrics-token-file needs --metrics-listen");
    }
    return;
  }
  if (config.insecure || isLoopbackAddress(metricsListen)) return;
  if (!metricsTls || metricsTokenFile === undefined) {
    throw new ConfigError(
      `--metrics-listen ${metricsListen} is not a loopback address: protect it with --metrics-tls and --metrics-token-file, or allow it unprotected with --insecure`,
    );
  }
}

/** A configuration problem, reported to the user with the usage text. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses `K=V,...` into image options; throws OptionError naming `source` and a bad key or value. */
export function parseGeometry(text: string, source = "--geometry"): ModelImageOptions {
  const options: Record<string, number> = {};
  for (const pair of text.split(",").filter(Boolean)) {
    const [key = "", value = ""] = pair.split("=");
    const field = GEOMETRY_KEYS[key.trim()];
    if (!field) {
      throw new OptionError(
        `${source}: unknown key ${JSON.stringify(key)} (known: ${Object.keys(GEOMETRY_KEYS).join(", ")})`,
      );
    }
    options[field] = parseWholeNumber(`${source} ${key}`, value.trim());
  }
  return options as ModelImageOptions;
}

/**
 * Checks a HOST:PORT given by `source` (an IPv6 host in brackets); with `nonzeroPort` the port
 * must not be 0. Throws OptionError naming the source otherwise.
 */
function parseHostPort(text: string, source: string, nonzeroPort = false): string {
  const pattern = nonzeroPort ? /^(\[[^\]]+\]|[^:]+):[1-9]\d*$/ : /^(\[[^\]]+\]|[^:]+):\d+$/;
  if (!pattern.test(text)) {
    throw new OptionError(`${source}: expected HOST:PORT, got ${JSON.stringify(text)}`);
  }
  return text;
}

/** Who server reflection answers. */
const REFLECTION_MODES = ["open", "authenticated"] as const;

/** The TLS files, or undefined for plaintext; throws ConfigError when they do not go together. */
function certificateFiles(
  certFile: string | undefined,
  keyFile: string | undefined,
  clientCaFile: string | undefined,
): CertificateFiles | undefined {
  if (certFile === undefined && keyFile === undefined) {
    if (clientCaFile !== undefined) {
      throw new ConfigError("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS)");
    }
    return undefined;
  }
  if (certFile === undefined) throw new ConfigError("--tls-key needs --tls-cert");
  if (keyFile === undefined) throw new ConfigError("--tls-cert needs --tls-key");
  return { certFile, keyFile, clientCaFile };
}

/** pino's levels, from quietest to loudest. */
const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"] as const;

/**
 * The server's options: each flag, its environment variable, default, limits and help. `--help`
 * and the README's configuration table are generated from it (tools/readme-config-table.ts
 * rewrites the README; test/service/config-readme-table.test.ts fails when they differ).
 */
export const SERVER_OPTIONS = {
  listen: textOption({
    placeholder: "HOST:PORT",
    env: "LNVMD_LISTEN",
    default: "127.0.0.1:50051",
    help: "address to serve on (port 0 picks a free one), or unix:PATH for co-located callers",
  }),
  device: listOption({
    placeholder: "PATH",
    env: "LNVMD_DEVICES",
    defaultText: "the model image",
    help: "device to open",
    parse: (text) => [text],
  }),
  image: textOption({
    placeholder: "PATH",
    env: "LNVMD_IMAGE",
    default: "data/lnvmd.img",
    help: "default model image, created on first start if missing",
  }),
  geometry: valueOption({
    placeholder: "K=V,...",
    env: "LNVMD_GEOMETRY",
    default: parseGeometry(DEFAULT_GEOMETRY),
    defaultText: DEFAULT_GEOMETRY,
    help: `geometry of a new default image; keys ${Object.keys(GEOMETRY_KEYS).join(", ")}`,
    parse: parseGeometry,
  }),
  durable: switchOption({
    env: "LNVMD_DURABLE",
    help: "create a new default image durable: a write completes once on stable storage (survives power loss); an existing image keeps its mode, and LNVM_MODEL_SYNC=1 makes every model device durable",
  }),
  library: textOption({
    placeholder: "PATH",
    env: "LNVM_LIBRARY",
    defaultText: "the in-tree model",
    help: "liblightnvm-compatible library to load instead of the model",
  }),
  "default-depth": integerOption({
    env: "LNVMD_DEFAULT_DEPTH",
    default: 64,
    min: 1,
    help: "depth of an Init that asks for depth 0",
  }),
  "max-depth": integerOption({
    env: "LNVMD_MAX_DEPTH",
    default: 4096,
    min: 1,
    max: MAX_CONTEXT_DEPTH,
    help: "largest context depth",
  }),
  "max-contexts": integerOption({
    env: "LNVMD_MAX_CONTEXTS",
    default: 1024,
    min: 1,
    help: "most open contexts",
  }),
  "max-message-bytes": integerOption({
    env: "LNVMD_MAX_MESSAGE_BYTES",
    default: 16 * 1024 * 1024,
    min: 1024,
    help: "largest gRPC message sent, bytes",
  }),
  "max-command-bytes": integerOption({
    env: "LNVMD_MAX_COMMAND_BYTES",
    default: 256 * 1024,
    min: 512,
    help: `largest data of one command, bytes; with ${MESSAGE_OVERHEAD_NBYTES} bytes of framing it must fit in --max-message-bytes`,
  }),
  "max-request-bytes": integerOption({
    env: "LNVMD_MAX_REQUEST_BYTES",
    min: 1024,
    defaultText: "4 MiB + --max-command-bytes, at most --max-message-bytes",
    help: "largest gRPC message received, bytes; larger ones are refused before they are buffered",
  }),
  "max-concurrent-streams": integerOption({
    env: "LNVMD_MAX_CONCURRENT_STREAMS",
    default: DEFAULT_MAX_CONCURRENT_STREAMS,
    min: 1,
    help: "calls open at once on one connection",
  }),
  "context-held-bytes": integerOption({
    env: "LNVMD_CONTEXT_HELD_BYTES",
    default: DEFAULT_CONTEXT_HELD_BYTES,
    // Twice the smallest --max-command-bytes; the cross-check below holds it to the real one.
    min: 1024,
    help: "most bytes held for one context: command buffers and unacknowledged read data; at least twice --max-command-bytes",
  }),
  "server-held-bytes": integerOption({
    env: "LNVMD_SERVER_HELD_BYTES",
    default: DEFAULT_SERVER_HELD_BYTES,
    min: 1024,
    help: "most bytes held for all contexts together; at least --context-held-bytes",
  }),
  "lease-ms": integerOption({
    env: "LNVMD_LEASE_MS",
    default: 300_000,
    help: "idle context lease, milliseconds; 0 never reclaims",
  }),
  "shutdown-timeout-ms": integerOption({
    env: "LNVMD_SHUTDOWN_TIMEOUT_MS",
    default: 10_000,
    help: "how long a graceful shutdown may take before it is forced, milliseconds",
  }),
  "poke-max": integerOption({
    env: "LNVMD_POKE_MAX",
    default: 256,
    min: 1,
    help: "completions reaped per context per poller tick",
  }),
  "log-level": choiceOption({
    placeholder: "LEVEL",
    env: "LNVMD_LOG_LEVEL",
    choices: LOG_LEVELS,
    default: "info",
    help: "pino level; logs are JSON lines on stderr",
  }),
  "ready-file": textOption({
    placeholder: "PATH",
    env: "LNVMD_READY_FILE",
    defaultText: "none",
    help: 'file to write {"address","devices"} to once serving (and "metricsAddress" with --metrics-listen)',
  }),
  "metrics-listen": valueOption({
    placeholder: "HOST:PORT",
    env: "LNVMD_METRICS_LISTEN",
    defaultText: "off",
    help: "HTTP listener for Prometheus /metrics, /healthz and /readyz (port 0 picks one); beyond loopback it needs --metrics-tls and --metrics-token-file, or --insecure",
    parse: (text, source) => parseHostPort(text, source),
  }),
  "metrics-token-file": textOption({
    placeholder: "PATH",
    env: "LNVMD_METRICS_TOKEN_FILE",
    defaultText: "/metrics is open",
    help: 'require a bearer token for /metrics (Authorization: Bearer TOKEN): lines "SCRAPER sha256:HEX" as in --token-file; /healthz and /readyz stay open; re-read on SIGHUP',
  }),
  "metrics-tls": switchOption({
    env: "LNVMD_METRICS_TLS",
    help: "serve the metrics listener over HTTPS with --tls-cert and --tls-key (re-read with them on SIGHUP)",
  }),
  etcd: listOption({
    placeholder: "ENDPOINTS",
    env: "LNVMD_ETCD",
    defaultText: "no cluster",
    help: "join the cluster directory in etcd (comma list of http://HOST:PORT): register the devices, answer ClusterService",
    parse: (text) => text.split(",").filter(Boolean),
  }),
  "etcd-prefix": textOption({
    placeholder: "PREFIX",
    env: "LNVMD_ETCD_PREFIX",
    default: "/lnvmd/",
    help: "key prefix of the cluster",
  }),
  "etcd-lease-ttl-s": integerOption({
    env: "LNVMD_ETCD_LEASE_TTL_S",
    default: 10,
    min: 1,
    help: "lease TTL, seconds: a dead node leaves the directory within it",
  }),
  advertise: valueOption({
    placeholder: "HOST:PORT",
    env: "LNVMD_ADVERTISE",
    defaultText: "the listen address with the bound port",
    help: "address registered for clients; required with --etcd when listening on a wildcard address or a Unix socket",
    parse: (text, source) => parseHostPort(text, source, true),
  }),
  "tls-cert": textOption({
    placeholder: "PATH",
    env: "LNVMD_TLS_CERT",
    defaultText: "plaintext",
    help: "server certificate chain (PEM): serve TLS; needs --tls-key",
  }),
  "tls-key": textOption({
    placeholder: "PATH",
    env: "LNVMD_TLS_KEY",
    defaultText: "none",
    help: "private key (PEM) of --tls-cert",
  }),
  "tls-client-ca": textOption({
    placeholder: "PATH",
    env: "LNVMD_TLS_CLIENT_CA",
    defaultText: "client certificates are not asked for",
    help: "CA certificates (PEM) client certificates must chain to: mutual TLS, a client without one is refused at the handshake; needs --tls-cert",
  }),
  insecure: switchOption({
    env: "LNVMD_INSECURE",
    help: "allow plaintext on an address beyond loopback and Unix sockets (without it such an address needs TLS), and a metrics listener there without --metrics-tls and --metrics-token-file",
  }),
  "token-file": textOption({
    placeholder: "PATH",
    env: "LNVMD_TOKEN_FILE",
    defaultText: "tokens are not accepted",
    help: 'accept bearer tokens: lines "PRINCIPAL sha256:HEX" (HEX: the SHA-256 of the token); re-read on SIGHUP',
  }),
  policy: textOption({
    placeholder: "PATH",
    env: "LNVMD_POLICY",
    defaultText: "everyone may do everything",
    help: "access policy (JSON): devices, partitions, rights and quotas per principal (see the README's Security section); re-read on SIGHUP",
  }),
  reflection: choiceOption({
    placeholder: "MODE",
    env: "LNVMD_REFLECTION",
    choices: REFLECTION_MODES,
    default: "open",
    help: "who server reflection answers: everyone, or authenticated callers only; health checks are always open",
  }),
} as const;

/** The server's `--help` text. */
export const HELP = `lnvmd: gRPC service over liblightnvm's asynchronous OCSSD 2.0 interface

Usage: node --import tsx service/main.ts [options]   (npm start)

Options (flags win over the environment variables shown):
${formatOptionHelp(SERVER_OPTIONS)}

Signals: SIGTERM or SIGINT shut down gracefully (a second one forces); SIGHUP re-reads the TLS
certificate, token and policy files, keeping established connections.
`;

/**
 * Reads the configuration from `argv` and `env` (flags win). Returns undefined when `--help`
 * was asked for. Throws ConfigError on a bad value.
 */
export function loadConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ServerConfig | undefined {
  let parsed: ParsedOptions<typeof SERVER_OPTIONS>;
  try {
    parsed = parseOptions(SERVER_OPTIONS, argv, env);
  } catch (error) {
    if (error instanceof OptionError) throw new ConfigError(error.message, { cause: error });
    throw error;
  }
  if (parsed.help) return undefined;
  const [extra] = parsed.positionals;
  if (extra !== undefined) throw new ConfigError(`unexpected argument ${JSON.stringify(extra)}`);
  const { values } = parsed;
  const config: ServerConfig = {
    listen: values.listen,
    devices: values.device,
    image: values.image,
    geometry: values.geometry,
    durable: values.durable,
    library: values.library,
    defaultDepth: values["default-depth"],
    maxDepth: values["max-depth"],
    maxContexts: values["max-contexts"],
    maxMessageBytes: values["max-message-bytes"],
    maxCommandBytes: values["max-command-bytes"],
    maxRequestBytes:
      values["max-request-bytes"] ??
      Math.min(values["max-message-bytes"], SUBMIT_BATCH_NBYTES + values["max-command-bytes"]),
    maxConcurrentStreams: values["max-concurrent-streams"],
    contextHeldBytes: values["context-held-bytes"],
    serverHeldBytes: values["server-held-bytes"],
    leaseMs: values["lease-ms"],
    shutdownTimeoutMs: values["shutdown-timeout-ms"],
    pokeMax: values["poke-max"],
    logLevel: values["log-level"],
    readyFile: values["ready-file"],
    metricsListen: values["metrics-listen"],
    metricsTokenFile: values["metrics-token-file"],
    metricsTls: values["metrics-tls"],
    etcd: values.etcd,
    etcdPrefix: values["etcd-prefix"],
    etcdLeaseTtlS: values["etcd-lease-ttl-s"],
    advertise: values.advertise,
    tls: certificateFiles(values["tls-cert"], values["tls-key"], values["tls-client-ca"]),
    insecure: values.insecure,
    tokenFile: values["token-file"],
    policyFile: values.policy,
    reflection: values.reflection,
  };
  if (!config.tls && !config.insecure && !isLoopbackAddress(config.listen)) {
    throw new ConfigError(
      `--listen ${config.listen} is not a loopback address: serve TLS (--tls-cert, --tls-key) or allow plaintext with --insecure`,
    );
  }
  checkMetricsProtection(config);
  const listenHost = config.listen.slice(0, config.listen.lastIndexOf(":"));
  const unreachable = config.listen.startsWith("unix:")
    ? "a Unix socket"
    : ["0.0.0.0", "[::]", "::", ""].includes(listenHost)
      ? "a wildcard address"
      : undefined;
  if (config.etcd.length > 0 && config.advertise === undefined && unreachable) {
    throw new ConfigError(
      `--etcd with --listen ${config.listen} needs --advertise HOST:PORT: other machines cannot reach ${unreachable}`,
    );
  }
  if (config.maxCommandBytes + MESSAGE_OVERHEAD_NBYTES > config.maxMessageBytes) {
    throw new ConfigError(
      `--max-command-bytes ${config.maxCommandBytes} does not fit --max-message-bytes ${config.maxMessageBytes} (${MESSAGE_OVERHEAD_NBYTES} bytes go to framing)`,
    );
  }
  if (config.maxCommandBytes + MESSAGE_OVERHEAD_NBYTES > config.maxRequestBytes) {
    throw new ConfigError(
      `--max-command-bytes ${config.maxCommandBytes} does not fit --max-request-bytes ${config.maxRequestBytes} (${MESSAGE_OVERHEAD_NBYTES} bytes go to framing)`,
    );
  }
  if (config.contextHeldBytes < 2 * config.maxCommandBytes) {
    throw new ConfigError(
      `--context-held-bytes ${config.contextHeldBytes} must be at least twice --max-command-bytes ${config.maxCommandBytes} (a read holds its data and metadata until acknowledged)`,
    );
  }
  if (config.serverHeldBytes < config.contextHeldBytes) {
    throw new ConfigError(
      `--server-held-bytes ${config.serverHeldBytes} is below --context-held-bytes ${config.contextHeldBytes}`,
    );
  }
  if (config.defaultDepth > config.maxDepth) {
    throw new ConfigError(
      `--default-depth ${config.defaultDepth} exceeds --max-depth ${config.maxDepth}`,
    );
  }
  return config;
}
