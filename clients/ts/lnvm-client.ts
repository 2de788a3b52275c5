import { create } from "@bufbuild/protobuf";
import {
  type ChannelCredentials,
  type ChannelOptions,
  credentials as grpcCredentials,
  InterceptingCall,
  type Interceptor,
  status,
} from "@grpc/grpc-js";
import { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import { InitRequestSchema, type InitResponse } from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { ClusterServiceClient } from "../../gen/ts/lightnvm/v1/cluster_grpc.js";
import {
  type ClusterDevice,
  ListClusterDevicesRequestSchema,
  type ListClusterDevicesResponse,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { DeviceServiceClient } from "../../gen/ts/lightnvm/v1/device_grpc.js";
import {
  type ChunkDescriptor,
  type ChunkState,
  type Device,
  GetDeviceRequestSchema,
  type GetDeviceResponse,
  ListDevicesRequestSchema,
  type ListDevicesResponse,
  ReportChunksRequestSchema,
  type ReportChunksResponse,
} from "../../gen/ts/lightnvm/v1/device_pb.js";
import { StatsServiceClient } from "../../gen/ts/lightnvm/v1/stats_grpc.js";
import { GetStatsRequestSchema, type GetStatsResponse } from "../../gen/ts/lightnvm/v1/stats_pb.js";
import { ContextHandle, type ContextHandleOptions } from "./context-handle.js";
import { LnvmError } from "./lnvm-error.js";
import { type CallLimits, callOptions, unary } from "./unary.js";

/** HTTP/2 flow-control window the client grants the server, bytes. */
export const FLOW_CONTROL_WINDOW_NBYTES = 16 * 1024 * 1024;

/** The client's receive limit unless set. */
export const DEFAULT_RECEIVE_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Deadline of a unary call that sets none. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** PEM contents (not paths) for a TLS connection; see `LnvmClientOptions.tls`. */
export interface LnvmTlsOptions {
  /** CA certificates the server's certificate must chain to. @default Node's trusted roots */
  readonly ca?: Buffer | string;
  /** Client certificate chain, for a server requiring mutual TLS; needs `key`. */
  readonly cert?: Buffer | string;
  /** Private key of `cert`. */
  readonly key?: Buffer | string;
}

/** Options of `createLnvmClient`. */
export interface LnvmClientOptions {
  /** Connect with TLS (mutual TLS when `cert` and `key` are given). @default plaintext */
  readonly tls?: LnvmTlsOptions;
  /**
   * A bearer token sent as `authorization: Bearer TOKEN` on every call. Over plaintext it is
   * readable by anyone on the path: use it with `tls` beyond loopback.
   */
  readonly token?: string;
  /** grpc-js credentials, for what `tls` does not cover; exclusive with `tls`. @default plaintext */
  readonly credentials?: ChannelCredentials;
  /** Largest message the client receives, bytes; stated to the server. @default 16 MiB */
  readonly maxReceiveMessageBytes?: number;
  /** Deadline of unary calls that set none (Wait excepted: it waits for I/O). @default 30 s */
  readonly defaultTimeoutMs?: number;
  /** Extra grpc-js channel options. */
  readonly channelOptions?: ChannelOptions;
}

/** Options of `LnvmClient.reportChunks`: which chunks, and the stream's limits. */
export interface ReportChunksOptions extends CallLimits {
  /** Only chunks in these states. @default every state */
  readonly states?: readonly ChunkState[];
  /** First parallel unit, as group × npunit + punit. @default 0 */
  readonly puBegin?: number;
  /** End of the half-open unit range. @default the last unit */
  readonly puEnd?: number;
}

/**
 * A thin client of lnvmd: devices, chunk reports, and contexts (`init`) with promise-per-command
 * helpers. One channel serves every service. Call `close()` when done.
 *
 * Every call here and on `ContextHandle` takes `{ timeoutMs, signal }` (`CallLimits`): a unary
 * call's deadline is `timeoutMs`, else the client's `defaultTimeoutMs` (30 s); `reportChunks`
 * and `ContextHandle.wait` have none unless given, since they last as long as the report or the
 * device takes. An aborted `signal` cancels the call: it rejects with CANCELLED. Commands (read,
 * write, erase, copy) travel on the context's session and settle with their completions.
 */
export class LnvmClient {
  readonly #devices: DeviceServiceClient;
  readonly #contexts: AsyncContextServiceClient;
  readonly #handleOptions: ContextHandleOptions;
  readonly #stats: StatsServiceClient;
  readonly #cluster: ClusterServiceClient;

  constructor(address: string, options: LnvmClientOptions = {}) {
    this.#handleOptions = {
      maxReceiveMessageBytes: options.maxReceiveMessageBytes ?? DEFAULT_RECEIVE_MESSAGE_BYTES,
      defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
    const creds = channelCredentials(options);
    const interceptors = options.token === undefined ? [] : [bearerToken(options.token)];
    const channelOptions: ChannelOptions & { interceptors: Interceptor[] } = {
      interceptors,
      "grpc.max_receive_message_length": this.#handleOptions.maxReceiveMessageBytes,
      // HTTP/2's default 64 KiB window would let a completion stream carry only 16 reads of
      // 4 KiB per round trip; a larger window keeps batches flowing.
      "grpc-node.flow_control_window": FLOW_CONTROL_WINDOW_NBYTES,
      ...options.channelOptions,
    };
    this.#devices = new DeviceServiceClient(address, creds, channelOptions);
    this.#contexts = new AsyncContextServiceClient(address, creds, {
      ...channelOptions,
      channelOverride: this.#devices.getChannel(),
    });
    this.#stats = new StatsServiceClient(address, creds, {
      ...channelOptions,
      channelOverride: this.#devices.getChannel(),
    });
    this.#cluster = new ClusterServiceClient(address, creds, {
      ...channelOptions,
      channelOverride: this.#devices.getChannel(),
    });
  }

  /** Every device the server opened. */
  async devices(limits: CallLimits = {}): Promise<Device[]> {
    const response = await unary<ListDevicesResponse>(
      (cb) =>
        this.#devices.listDevices(create(ListDevicesRequestSchema, {}), this.#call(limits), cb),
      limits.signal,
    );
    return response.devices;
  }

  /** One device by name; rejects with NOT_FOUND (DEVICE_NOT_FOUND) otherwise. */
  async device(name: string, limits: CallLimits = {}): Promise<Device> {
    const response = await unary<GetDeviceResponse>(
      (cb) =>
        this.#devices.getDevice(create(GetDeviceRequestSchema, { name }), this.#call(limits), cb),
      limits.signal,
    );
    if (!response.device) throw new LnvmError(status.INTERNAL, "GetDevice returned no device");
    return response.device;
  }

  /** The chunk report of `device`, streamed page by page. */
  async *reportChunks(
    device: string,
    options: ReportChunksOptions = {},
  ): AsyncGenerator<ChunkDescriptor, void, undefined> {
    const call = this.#devices.reportChunks(
      create(ReportChunksRequestSchema, {
        device,
        states: [...(options.states ?? [])],
        puBegin: options.puBegin ?? 0,
        ...(options.puEnd === undefined ? {} : { puEnd: options.puEnd }),
      }),
      callOptions(options, Number.POSITIVE_INFINITY),
    );
    const { signal } = options;
    const abort = () => call.cancel();
    if (signal?.aborted) abort();
    signal?.addEventListener("abort", abort, { once: true });
    try {
      for await (const page of call as AsyncIterable<ReportChunksResponse>) yield* page.chunks;
    } catch (error) {
      throw LnvmError.from(error);
    } finally {
      signal?.removeEventListener("abort", abort);
      call.cancel();
    }
  }

  /** Creates a context of `depth` (0 = server default) on `device`. */
  async init(
    options: { device: string; depth?: number; flags?: number } & CallLimits,
  ): Promise<ContextHandle> {
    const response = await unary<InitResponse>(
      (cb) =>
        this.#contexts.init(
          create(InitRequestSchema, {
            device: options.device,
            depth: options.depth ?? 0,
            flags: options.flags ?? 0,
          }),
          this.#call(options),
          cb,
        ),
      options.signal,
    );
    if (!response.context) throw new LnvmError(status.INTERNAL, "Init returned no context");
    return new ContextHandle(this.#contexts, response.context, this.#handleOptions);
  }

  /**
   * The server's I/O counters per device and per context (StatsService.GetStats); `device`
   * limits them to one device, `includeChunks` adds chunk counts per state.
   */
  async stats(
    options: { device?: string; includeChunks?: boolean } & CallLimits = {},
  ): Promise<GetStatsResponse> {
    return unary<GetStatsResponse>(
      (cb) =>
        this.#stats.getStats(
          create(GetStatsRequestSchema, {
            device: options.device ?? "",
            includeChunks: options.includeChunks ?? false,
          }),
          this.#call(options),
          cb,
        ),
      options.signal,
    );
  }

  /**
   * Every device of the cluster this server belongs to, from its directory
   * (ClusterService.ListClusterDevices); FAILED_PRECONDITION (CLUSTER_DISABLED) when the server
   * runs without etcd. `connectCluster` routes contexts by it.
   */
  async clusterDevices(limits: CallLimits = {}): Promise<ClusterDevice[]> {
    const response = await unary<ListClusterDevicesResponse>(
      (cb) =>
        this.#cluster.listClusterDevices(
          create(ListClusterDevicesRequestSchema, {}),
          this.#call(limits),
          cb,
        ),
      limits.signal,
    );
    return response.devices;
  }

  /** The raw generated stubs, for calls the ergonomic API does not cover. */
  get stubs(): {
    devices: DeviceServiceClient;
    contexts: AsyncContextServiceClient;
    stats: StatsServiceClient;
    cluster: ClusterServiceClient;
  } {
    return {
      devices: this.#devices,
      contexts: this.#contexts,
      stats: this.#stats,
      cluster: this.#cluster,
    };
  }

  #call(limits: CallLimits) {
    return callOptions(limits, this.#handleOptions.defaultTimeoutMs);
  }

  /** Closes the channel. */
  close(): void {
    this.#cluster.close();
    this.#stats.close();
    this.#contexts.close();
    this.#devices.close();
  }
}

function pem(value: Buffer | string | undefined): Buffer | null {
  return value === undefined ? null : Buffer.from(value);
}

function channelCredentials(options: LnvmClientOptions): ChannelCredentials {
  if (options.tls && options.credentials) {
    throw new TypeError("LnvmClientOptions: give tls or credentials, not both");
  }
  if (options.credentials) return options.credentials;
  if (!options.tls) return grpcCredentials.createInsecure();
  const { ca, cert, key } = options.tls;
  if ((cert === undefined) !== (key === undefined)) {
    throw new TypeError("LnvmClientOptions.tls: cert and key go together");
  }
  return grpcCredentials.createSsl(pem(ca), pem(key), pem(cert));
}

/**
 * Adds the bearer token to every call's metadata. An interceptor rather than call credentials:
 * grpc-js refuses call credentials on a plaintext channel, and loopback plaintext is allowed.
 */
function bearerToken(token: string): Interceptor {
  return (callOptions, nextCall) =>
    new InterceptingCall(nextCall(callOptions), {
      start: (metadata, listener, next) => {
        metadata.set("authorization", `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/**
 * Connects to lnvmd at `address` (host:port): plaintext by default, TLS with `tls`, and a
 * bearer token on every call with `token`.
 */
export function createLnvmClient(address: string, options: LnvmClientOptions = {}): LnvmClient {
  return new LnvmClient(address, options);
}
