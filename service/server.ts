import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Server } from "@grpc/grpc-js";
import { HealthImplementation } from "grpc-health-check";
import type { Logger } from "pino";
import { AsyncContextService } from "../gen/ts/lightnvm/v1/async_context_pb.js";
import { ClusterServiceDefinition } from "../gen/ts/lightnvm/v1/cluster_grpc.js";
import { ClusterService } from "../gen/ts/lightnvm/v1/cluster_pb.js";
import { DeviceServiceDefinition } from "../gen/ts/lightnvm/v1/device_grpc.js";
import { DeviceService } from "../gen/ts/lightnvm/v1/device_pb.js";
import { StatsServiceDefinition } from "../gen/ts/lightnvm/v1/stats_grpc.js";
import { StatsService } from "../gen/ts/lightnvm/v1/stats_pb.js";
import { createModelImage } from "../native/binding/index.js";
import { createAuthInterceptor } from "./auth/auth-interceptor.js";
import { Authenticator } from "./auth/authenticator.js";
import { PolicyStore } from "./auth/policy-store.js";
import { ClusterDirectory } from "./cluster/cluster-directory.js";
import { MESSAGE_OVERHEAD_NBYTES, type ServerConfig } from "./config.js";
import { ContextRegistry } from "./contexts/context-registry.js";
import { DeviceRegistry } from "./devices/device-registry.js";
import { createAsyncContextService } from "./handlers/async-context-service.js";
import { ASYNC_CONTEXT_SERVICE_DEFINITION } from "./handlers/async-context-service-definition.js";
import { AttachedCalls } from "./handlers/attached-calls.js";
import { createClusterService } from "./handlers/cluster-service.js";
import { createDeviceService } from "./handlers/device-service.js";
import { RECEIVE_LIMIT_MARGIN_NBYTES } from "./handlers/receive-limit.js";
import { createStatsService } from "./handlers/stats-service.js";
import {
  GrpcCallCounter,
  LnvmdMetrics,
  type MetricsServer,
  startMetricsServer,
} from "./metrics/index.js";
import { growReceiveWindows } from "./receive-window.js";
import { createReflectionService } from "./reflection.js";
import { StartupError } from "./startup-error.js";
import { disableNagle } from "./tcp-no-delay.js";
import { isLoopbackAddress } from "./transport/loopback-address.js";
import { createServerTransport } from "./transport/server-transport.js";
import { guardServiceDefinition } from "./wire/guard-service-definition.js";
import { rejectInvalidRequests } from "./wire/reject-invalid-requests.js";
import { createRequestLimits } from "./wire/request-limits.js";
import { decodeHotSessionRequest } from "./wire/session-request-decoder.js";

/** Services whose health is reported, besides the server as a whole (""). */
const HEALTH_SERVICES = [
  "",
  "lightnvm.v1.DeviceService",
  "lightnvm.v1.AsyncContextService",
  "lightnvm.v1.StatsService",
  "lightnvm.v1.ClusterService",
];

/** Method path prefixes served without authentication: health always, reflection if open. */
const HEALTH_PATH_PREFIX = "/grpc.health.v1.Health/";
const REFLECTION_PATH_PREFIX = "/grpc.reflection.";

/** A running lnvmd server. */
export interface LnvmServer {
  /** The address it listens on, with the port it bound. */
  readonly address: string;
  readonly devices: DeviceRegistry;
  readonly contexts: ContextRegistry;
  /** Where `--metrics-listen` serves, with the port it bound; undefined when off. */
  readonly metricsAddress: string | undefined;
  /**
   * Graceful shutdown: reports NOT_SERVING, refuses new contexts, lets outstanding I/O complete
   * and its completions reach attached streams, then stops the server and closes the devices.
   * After `shutdownTimeoutMs` it forces. Idempotent; a second call while running forces.
   */
  shutdown(): Promise<void>;
  /**
   * Re-reads the files the server was configured with (TLS certificates, tokens, policy) and applies
   * them from the next connection or call on; established connections keep running. Rejects,
   * keeping a file's previous contents in force, when it is missing or invalid.
   */
  reload(): Promise<void>;
}

/**
 * Opens the configured devices (creating the default model image on first start), binds the
 * gRPC server and registers the lightnvm.v1 services, health, reflection and channelz.
 */
export async function startServer(config: ServerConfig, log: Logger): Promise<LnvmServer> {
  // Certificate problems are reported before any device is opened.
  const transport = createServerTransport(config.tls);
  const devices = new DeviceRegistry(log, config.pokeMax);
  const paths = config.devices.length > 0 ? config.devices : [config.image];
  if (config.devices.length === 0 && !existsSync(config.image)) {
    await mkdir(dirname(config.image), { recursive: true });
    await createModelImage(config.image, { ...config.geometry, durable: config.durable });
    log.info(
      { image: config.image, geometry: config.geometry, durable: config.durable },
      "created default model image",
    );
  }
  let authenticator: Authenticator;
  let access: PolicyStore;
  try {
    for (const path of paths) devices.open(path, config.library);
    // The policy is checked against the geometries of the devices it names.
    access = new PolicyStore(
      config.policyFile,
      new Map(devices.list().map((d) => [d.name, d.device.geometry])),
    );
    authenticator = new Authenticator({
      tokenFile: config.tokenFile,
      clientCertificates: transport.mode === "mutual-tls",
      access,
    });
  } catch (error) {
    devices.closeAll();
    throw error;
  }
  if (config.tokenFile !== undefined && transport.mode === "plaintext") {
    const where = isLoopbackAddress(config.listen) ? "loopback" : "the network";
    log.warn({ listen: config.listen }, `bearer tokens travel in plaintext over ${where}`);
  }
  const isOpen = (path: string) =>
    path.startsWith(HEALTH_PATH_PREFIX) ||
    (config.reflection === "open" && path.startsWith(REFLECTION_PATH_PREFIX));

  const contexts = new ContextRegistry(log, {
    maxContexts: config.maxContexts,
    leaseMs: config.leaseMs,
    messageNbytes: config.maxMessageBytes - MESSAGE_OVERHEAD_NBYTES,
    contextHeldNbytes: config.contextHeldBytes,
    serverHeldNbytes: config.serverHeldBytes,
  });
  const attached = new AttachedCalls();
  // Registered once bound, when the address is known; the service reads it per call.
  let directory: ClusterDirectory | undefined;
  const calls = new GrpcCallCounter();
  const server = new Server({
    "grpc.max_receive_message_length": config.maxRequestBytes,
    "grpc.max_send_message_length": config.maxMessageBytes,
    "grpc.max_concurrent_streams": config.maxConcurrentStreams,
    "grpc.enable_channelz": 1,
    // Each interceptor wraps the ones before it. Every call is counted, refusals included;
    // authentication decides on the metadata before any message is read; refused requests are
    // answered before any handler.
    interceptors: [
      calls.interceptor,
      createAuthInterceptor(authenticator, isOpen, log),
      rejectInvalidRequests,
    ],
  });
  const requestLimits = createRequestLimits(config);
  server.addService(
    guardServiceDefinition(DeviceServiceDefinition, DeviceService, requestLimits),
    createDeviceService(log, devices, config.maxCommandBytes),
  );
  server.addService(
    guardServiceDefinition(ASYNC_CONTEXT_SERVICE_DEFINITION, AsyncContextService, requestLimits, {
      session: decodeHotSessionRequest,
    }),
    createAsyncContextService(
      log,
      devices,
      contexts,
      {
        defaultDepth: config.defaultDepth,
        maxDepth: config.maxDepth,
        maxCommandBytes: config.maxCommandBytes,
        maxMessageBytes: config.maxMessageBytes,
      },
      attached,
      config.maxCommandBytes + RECEIVE_LIMIT_MARGIN_NBYTES,
    ),
  );
  server.addService(
    guardServiceDefinition(StatsServiceDefinition, StatsService, requestLimits),
    createStatsService(log, { devices, contexts, calls }),
  );
  server.addService(
    guardServiceDefinition(ClusterServiceDefinition, ClusterService, requestLimits),
    createClusterService(log, () => directory, attached),
  );
  const health = new HealthImplementation(
    Object.fromEntries(HEALTH_SERVICES.map((name) => [name, "SERVING" as const])),
  );
  health.addToServer(server);
  createReflectionService().addToServer(server);

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(config.listen, transport.credentials, (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
  } catch (error) {
    devices.closeAll();
    throw bindFailure(config.listen, error);
  }
  disableNagle(server, log);
  growReceiveWindows(server, config.maxRequestBytes, log);
  const address = config.listen.startsWith("unix:")
    ? config.listen
    : `${config.listen.slice(0, config.listen.lastIndexOf(":"))}:${port}`;

  let shuttingDown: Promise<void> | undefined;
  let force: (() => void) | undefined;
  if (config.etcd.length > 0) {
    try {
      directory = await ClusterDirectory.register(
        devices.list(),
        {
          endpoints: config.etcd,
          prefix: config.etcdPrefix,
          leaseTtlS: config.etcdLeaseTtlS,
          nodeAddress: config.advertise ?? address,
        },
        log,
      );
    } catch (error) {
      server.forceShutdown();
      devices.closeAll();
      throw error;
    }
  }
  let metricsServer: MetricsServer | undefined;
  if (config.metricsListen !== undefined) {
    const metrics = new LnvmdMetrics({ devices, contexts, calls, attached });
    try {
      metricsServer = await startMetricsServer(
        config.metricsListen,
        metrics,
        () => shuttingDown === undefined,
        log,
        {
          tokenFile: config.metricsTokenFile,
          certificates: config.metricsTls ? transport.certificates : undefined,
        },
      );
    } catch (error) {
      await directory?.close();
      server.forceShutdown();
      devices.closeAll();
      throw error;
    }
  }
  log.info(
    {
      address,
      devices: devices.list().map((d) => d.name),
      transport: transport.mode,
      authentication: authenticator.required ? "required" : "none",
      policy: config.policyFile ?? "open",
    },
    "serving",
  );

  const shutdown = async (): Promise<void> => {
    for (const name of HEALTH_SERVICES) health.setStatus(name, "NOT_SERVING");
    contexts.refuseNew();
    // Leave the directory first, so clients stop routing new contexts here.
    await directory?.close();
    log.info(
      { contexts: contexts.size, sessions: attached.size },
      "shutting down: completing accepted commands and delivering their completions",
    );
    const forced = new Promise<"forced">((resolve) => {
      force = () => resolve("forced");
      setTimeout(force, config.shutdownTimeoutMs).unref();
    });
    // Every accepted command completes, and every completion reaches the attached session or
    // stream and is acknowledged (as far as the consumer's flow control lets it), before they end.
    const delivered = Promise.all(contexts.list().map((c) => c.whenDelivered())).then(
      () => "delivered" as const,
    );
    const outcome = await Promise.race([delivered, forced]);
    if (outcome === "forced") {
      for (const c of contexts.list()) {
        if (c.outstanding > 0 || c.held > 0) {
          log.warn(
            {
              context: c.id,
              outstanding: c.outstanding,
              pending: c.pending,
              unacknowledged: c.unacknowledged,
            },
            "shutdown deadline passed with completions not acknowledged",
          );
        }
      }
    }
    attached.endAllForShutdown();
    const stopped = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    if ((await Promise.race([stopped, forced])) === "forced" || outcome === "forced") {
      log.warn("shutdown deadline passed: forcing");
      server.forceShutdown();
    }
    // A context still waiting for I/O after the deadline keeps its device open: the process
    // exits next, and closing a device under running I/O is not safe.
    const closed = await Promise.race([
      contexts.closeAll().then(() => true),
      forced.then(() => false),
    ]);
    if (closed) devices.closeAll();
    await metricsServer?.close();
    log.info({ clean: closed }, "shut down");
  };

  return {
    address,
    devices,
    contexts,
    metricsAddress: metricsServer?.address,
    reload: async () => {
      // Each file set is reloaded on its own: one bad file does not keep the others stale.
      const failures: unknown[] = [];
      const reloads = [
        () => transport.reload(),
        () => authenticator.reload(),
        () => access.reload(),
        () => metricsServer?.reload(),
      ];
      for (const reload of reloads) {
        try {
          reload();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, "several files failed to reload");
      log.info({ transport: transport.mode }, "reloaded");
    },
    shutdown: () => {
      if (shuttingDown) {
        force?.();
        return shuttingDown;
      }
      shuttingDown = shutdown();
      return shuttingDown;
    },
  };
}

/**
 * A StartupError naming `listen` for a failed bind; grpc-js reports the cause inside its
 * message ("... errors: [listen EADDRINUSE: address already in use ...]").
 */
function bindFailure(listen: string, error: unknown): StartupError {
  const message = error instanceof Error ? error.message : String(error);
  const code = /\b(E[A-Z]+)\b/.exec(message)?.[1];
  const why =
    code === "EADDRINUSE"
      ? "the address is in use, by another lnvmd or another program (EADDRINUSE)"
      : message;
  return new StartupError(`cannot listen on ${listen}: ${why}`, { listen, code }, error);
}
