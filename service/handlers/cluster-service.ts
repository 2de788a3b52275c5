import { create } from "@bufbuild/protobuf";
import type { Logger } from "pino";
import type { ClusterServiceServer } from "../../gen/ts/lightnvm/v1/cluster_grpc.js";
import {
  ListClusterDevicesResponseSchema,
  WatchClusterDevicesResponseSchema,
} from "../../gen/ts/lightnvm/v1/cluster_pb.js";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import {
  type ClusterDeviceRecord,
  clusterDeviceMessage,
} from "../cluster/cluster-device-record.js";
import type { ClusterDirectory } from "../cluster/cluster-directory.js";
import { StorageError } from "../errors.js";
import type { AttachedCall, AttachedCalls } from "./attached-calls.js";
import { shuttingDown } from "./context-messages.js";
import { serverStreamHandler } from "./server-stream-handler.js";
import { unaryHandler } from "./unary-handler.js";

function disabled(): StorageError {
  return new StorageError(
    ErrorReason.CLUSTER_DISABLED,
    "this node runs without a cluster directory: start lnvmd with --etcd ENDPOINTS",
  );
}

/** The ClusterService: the device directory in etcd, from any node. */
export function createClusterService(
  log: Logger,
  /** The directory once registered; undefined without --etcd. */
  directoryOf: () => ClusterDirectory | undefined,
  /** Tracks open watch streams so shutdown can end them. */
  attached: AttachedCalls,
): ClusterServiceServer {
  return {
    listClusterDevices: unaryHandler(log, "ListClusterDevices", async () => {
      const directory = directoryOf();
      if (!directory) throw disabled();
      return create(ListClusterDevicesResponseSchema, {
        devices: (await directory.list()).map(clusterDeviceMessage),
      });
    }),

    watchClusterDevices: serverStreamHandler(log, "WatchClusterDevices", async (_, sink) => {
      const directory = directoryOf();
      if (!directory) throw disabled();
      // Only the newest directory matters: a stream held back by its reader sends it once drained.
      let latest: ClusterDeviceRecord[] | undefined;
      let changed = false;
      let failure: unknown;
      let shutdown = false;
      let wake: (() => void) | undefined;
      const offer = (devices: ClusterDeviceRecord[]) => {
        latest = devices;
        wake?.();
      };
      const unwatch = directory.watch((devices) => {
        changed = true;
        offer(devices);
      });
      const tracked: AttachedCall = {
        endForShutdown: () => {
          shutdown = true;
          wake?.();
        },
      };
      const onAbort = () => wake?.();
      attached.add(tracked);
      sink.signal.addEventListener("abort", onAbort);
      directory.list().then(
        // A change seen while listing was sent already, and is newer than this list.
        (devices) => changed || offer(devices),
        (error: unknown) => {
          failure = error;
          wake?.();
        },
      );
      try {
        for (;;) {
          if (shutdown) throw shuttingDown("directory watch ended");
          if (failure !== undefined) throw failure;
          if (sink.signal.aborted) return;
          if (latest) {
            const devices = latest.map(clusterDeviceMessage);
            latest = undefined;
            await sink.send(create(WatchClusterDevicesResponseSchema, { devices }));
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        sink.signal.removeEventListener("abort", onAbort);
        attached.delete(tracked);
        unwatch();
      }
    }),
  };
}
