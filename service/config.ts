import { parseArgs } from "node:util";
import { MAX_CONTEXT_DEPTH, type ModelImageOptions } from "../native/binding/index.js";

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
 * each, so any number of stalled readers cannot take more than this (plus up to 2 MiB per
 * session of messages in grpc-js and reusable message buffers).
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

/** Everything the server can be configured with; see `HELP` and the README's table. */
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
  /** etcd endpoints of the cluster directory; empty: no cluster. */
  readonly etcd: readonly string[];
  /** Key prefix of the cluster in etcd. */
  readonly etcdPrefix: string;
  /** TTL of the node's lease in etcd, seconds. */
  readonly etcdLeaseTtlS: number;
  /** host:port other nodes and clients reach this node at; undefined: the bound address. */
  readonly advertise: string | undefined;
}

export const HELP = `lnvmd: gRPC service over liblightnvm's asynchronous OCSSD 2.0 interface

Usage: node --import tsx service/main.ts [options]   (npm start)

Options (each also read from the environment variable shown):
  --listen HOST:PORT          LNVMD_LISTEN           address to serve on, or unix:PATH for a Unix
                                                     socket (default 127.0.0.1:50051)
  --device PATH               LNVMD_DEVICES          device to open; repeat, or comma-separate in
                                                     the variable (default: the model image)
  --image PATH                LNVMD_IMAGE            default model image, created if missing
                                                     (default data/lnvmd.img)
  --geometry K=V,...          LNVMD_GEOMETRY         geometry of a new default image; keys npugrp,
                                                     npunit, nchunk, nsectr, nbytes, nbytes_oob,
                                                     ws_min, ws_opt, mw_cunits, mccap
                                                     (default npugrp=2,npunit=4,nchunk=64,nsectr=4096)
  --durable                   LNVMD_DURABLE=1        create a new default image durable: a write
                                                     completes once on stable storage (survives
                                                     power loss); LNVM_MODEL_SYNC=1 makes every
                                                     model device durable (default off)
  --library PATH              LNVM_LIBRARY           liblightnvm.so to load instead of the model
  --default-depth N           LNVMD_DEFAULT_DEPTH    depth of Init with depth 0 (default 64)
  --max-depth N               LNVMD_MAX_DEPTH        largest context depth (default 4096)
  --max-contexts N            LNVMD_MAX_CONTEXTS     most open contexts (default 1024)
  --max-message-bytes N       LNVMD_MAX_MESSAGE_BYTES largest gRPC message sent (default 16777216)
  --max-request-bytes N       LNVMD_MAX_REQUEST_BYTES largest gRPC message received (default
                                                     4 MiB + --max-command-bytes, at most
                                                     --max-message-bytes)
  --max-concurrent-streams N  LNVMD_MAX_CONCURRENT_STREAMS calls open at once on one
                                                     connection (default 100)
  --max-command-bytes N       LNVMD_MAX_COMMAND_BYTES largest data of one command (default 262144)
  --context-held-bytes N      LNVMD_CONTEXT_HELD_BYTES most bytes held for one context: command
                                                     buffers and unacknowledged read data
                                                     (default 16777216)
  --server-held-bytes N       LNVMD_SERVER_HELD_BYTES most bytes held for all contexts together
                                                     (default 67108864)
  --lease-ms N                LNVMD_LEASE_MS         idle context lease, 0 = never (default 300000)
  --shutdown-timeout-ms N     LNVMD_SHUTDOWN_TIMEOUT_MS graceful shutdown limit (default 10000)
  --poke-max N                LNVMD_POKE_MAX         completions per context per tick (default 256)
  --log-level LEVEL           LNVMD_LOG_LEVEL        pino level (default info)
  --ready-file PATH           LNVMD_READY_FILE       write {"address","devices"} JSON when serving
                                                     (and "metricsAddress" with --metrics-listen)
  --metrics-listen HOST:PORT  LNVMD_METRICS_LISTEN   serve Prometheus /metrics, /healthz and /readyz
                                                     over HTTP there (default: off)
  --etcd ENDPOINTS            LNVMD_ETCD             join the cluster directory in etcd (comma list of
                                                     http://HOST:PORT): register the devices, answer
                                                     ClusterService (default: no cluster)
  --etcd-prefix PREFIX        LNVMD_ETCD_PREFIX      key prefix of the cluster (default /lnvmd/)
  --etcd-lease-ttl-s N        LNVMD_ETCD_LEASE_TTL_S lease TTL: a dead node leaves the directory
                                                     within it (default 10)
  --advertise HOST:PORT       LNVMD_ADVERTISE        address registered for clients (default: the
                                                     listen address with the bound port)
  -h, --help                                         show this help
`;

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

/** A configuration problem, reported to the user with the usage text. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses `K=V,...` into image options; throws ConfigError naming a bad key or value. */
export function parseGeometry(text: string): ModelImageOptions {
  const options: Record<string, number> = {};
  for (const pair of text.split(",").filter(Boolean)) {
    const [key = "", value = ""] = pair.split("=");
    const field = GEOMETRY_KEYS[key.trim()];
    if (!field) {
      throw new ConfigError(
        `--geometry: unknown key ${JSON.stringify(key)} (known: ${Object.keys(GEOMETRY_KEYS).join(", ")})`,
      );
    }
    options[field] = parseInteger(`--geometry ${key}`, value.trim(), 0);
  }
  return options as ModelImageOptions;
}

/** An on/off environment variable: 1 or 0 (unset or empty: off). */
function parseSwitch(name: string, text: string | undefined): boolean {
  if (text === undefined || text === "" || text === "0") return false;
  if (text === "1") return true;
  throw new ConfigError(`${name}: expected 1 or 0, got ${JSON.stringify(text)}`);
}

function parseInteger(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) && !/^0x[0-9a-f]+$/i.test(text)) {
    throw new ConfigError(`${name}: expected a whole number, got ${JSON.stringify(text)}`);
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(`${name}: must be at least ${min}, got ${text}`);
  }
  return value;
}

/**
 * Reads the configuration from `argv` and `env` (flags win). Returns undefined when `--help`
 * was asked for. Throws ConfigError on a bad value.
 */
export function loadConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ServerConfig | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      listen: { type: "string" },
      device: { type: "string", multiple: true },
      image: { type: "string" },
      geometry: { type: "string" },
      durable: { type: "boolean" },
      library: { type: "string" },
      "default-depth": { type: "string" },
      "max-depth": { type: "string" },
      "max-contexts": { type: "string" },
      "max-message-bytes": { type: "string" },
      "max-command-bytes": { type: "string" },
      "context-held-bytes": { type: "string" },
      "server-held-bytes": { type: "string" },
      "max-request-bytes": { type: "string" },
      "max-concurrent-streams": { type: "string" },
      "lease-ms": { type: "string" },
      "shutdown-timeout-ms": { type: "string" },
      "poke-max": { type: "string" },
      "log-level": { type: "string" },
      "ready-file": { type: "string" },
      "metrics-listen": { type: "string" },
      etcd: { type: "string" },
      "etcd-prefix": { type: "string" },
      "etcd-lease-ttl-s": { type: "string" },
      advertise: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const pick = (flag: string | undefined, variable: string) => flag ?? env[variable];
  const integer = (flag: keyof typeof values, variable: string, fallback: number, min: number) => {
    const text = pick(values[flag] as string | undefined, variable);
    return text === undefined ? fallback : parseInteger(`--${flag}`, text, min);
  };
  const maxMessageBytes = integer(
    "max-message-bytes",
    "LNVMD_MAX_MESSAGE_BYTES",
    16 * 1024 * 1024,
    1024,
  );
  const maxCommandBytes = integer("max-command-bytes", "LNVMD_MAX_COMMAND_BYTES", 256 * 1024, 512);
  const devicesEnv = env["LNVMD_DEVICES"]?.split(",").filter(Boolean) ?? [];
  const config: ServerConfig = {
    listen: pick(values.listen, "LNVMD_LISTEN") ?? "127.0.0.1:50051",
    devices: values.device ?? devicesEnv,
    image: pick(values.image, "LNVMD_IMAGE") ?? "data/lnvmd.img",
    geometry: parseGeometry(pick(values.geometry, "LNVMD_GEOMETRY") ?? DEFAULT_GEOMETRY),
    durable: values.durable ?? parseSwitch("LNVMD_DURABLE", env["LNVMD_DURABLE"]),
    library: pick(values.library, "LNVM_LIBRARY"),
    defaultDepth: integer("default-depth", "LNVMD_DEFAULT_DEPTH", 64, 1),
    maxDepth: integer("max-depth", "LNVMD_MAX_DEPTH", 4096, 1),
    maxContexts: integer("max-contexts", "LNVMD_MAX_CONTEXTS", 1024, 1),
    maxMessageBytes,
    maxCommandBytes,
    maxRequestBytes: integer(
      "max-request-bytes",
      "LNVMD_MAX_REQUEST_BYTES",
      Math.min(maxMessageBytes, SUBMIT_BATCH_NBYTES + maxCommandBytes),
      1024,
    ),
    maxConcurrentStreams: integer(
      "max-concurrent-streams",
      "LNVMD_MAX_CONCURRENT_STREAMS",
      DEFAULT_MAX_CONCURRENT_STREAMS,
      1,
    ),
    contextHeldBytes: integer(
      "context-held-bytes",
      "LNVMD_CONTEXT_HELD_BYTES",
      DEFAULT_CONTEXT_HELD_BYTES,
      1,
    ),
    serverHeldBytes: integer(
      "server-held-bytes",
      "LNVMD_SERVER_HELD_BYTES",
      DEFAULT_SERVER_HELD_BYTES,
      1,
    ),
    leaseMs: integer("lease-ms", "LNVMD_LEASE_MS", 300_000, 0),
    shutdownTimeoutMs: integer("shutdown-timeout-ms", "LNVMD_SHUTDOWN_TIMEOUT_MS", 10_000, 0),
    pokeMax: integer("poke-max", "LNVMD_POKE_MAX", 256, 1),
    logLevel: pick(values["log-level"], "LNVMD_LOG_LEVEL") ?? "info",
    readyFile: pick(values["ready-file"], "LNVMD_READY_FILE"),
    metricsListen: pick(values["metrics-listen"], "LNVMD_METRICS_LISTEN"),
    etcd: (pick(values.etcd, "LNVMD_ETCD") ?? "").split(",").filter(Boolean),
    etcdPrefix: pick(values["etcd-prefix"], "LNVMD_ETCD_PREFIX") ?? "/lnvmd/",
    etcdLeaseTtlS: integer("etcd-lease-ttl-s", "LNVMD_ETCD_LEASE_TTL_S", 10, 1),
    advertise: pick(values.advertise, "LNVMD_ADVERTISE"),
  };
  if (
    config.metricsListen !== undefined &&
    !/^(\[[^\]]+\]|[^:]+):\d+$/.test(config.metricsListen)
  ) {
    throw new ConfigError(
      `--metrics-listen: expected HOST:PORT, got ${JSON.stringify(config.metricsListen)}`,
    );
  }
  if (config.advertise !== undefined && !/^(\[[^\]]+\]|[^:]+):[1-9]\d*$/.test(config.advertise)) {
    throw new ConfigError(
      `--advertise: expected HOST:PORT, got ${JSON.stringify(config.advertise)}`,
    );
  }
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
  if (config.maxDepth > MAX_CONTEXT_DEPTH) {
    throw new ConfigError(
      `--max-depth must be at most ${MAX_CONTEXT_DEPTH}, got ${config.maxDepth}`,
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
