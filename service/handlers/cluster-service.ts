import { create } from "@bufbuild/protobuf";
import { status } from "@grpc/grpc-js";
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

    watchClusterDevices: (call) => {
      const directory = directoryOf();
      if (!directory) {
        call.emit("error", disabled().toServiceError());
        return;
      }
      let latest: ClusterDeviceRecord[] | undefined;
      let changed = false;
      let blocked = false;
      let done = false;
      const send = () => {
        if (done || blocked || !latest) return;
        const devices = latest.map(clusterDeviceMessage);
        latest = undefined;
        if (!call.write(create(WatchClusterDevicesResponseSchema, { devices }))) blocked = true;
      };
      const onChange = (devices: ClusterDeviceRecord[]) => {
        // Only the newest directory matters: a blocked stream sends it once drained.
        changed = true;
        latest = devices;
        send();
      };
      const tracked: AttachedCall = {
        endForShutdown: () => {
          stop();
          call.emit("error", { code: status.UNAVAILABLE, details: "server is shutting down" });
        },
      };
      const stop = () => {
        done = true;
        unwatch();
        attached.delete(tracked);
      };
      const unwatch = directory.watch(onChange);
      attached.add(tracked);
      call.on("drain", () => {
        blocked = false;
        send();
      });
      call.on("cancelled", stop);
      call.on("error", stop);
      call.on("close", stop);
      directory.list().then(
        (devices) => {
          // A change seen while listing was sent already, and is newer than this list.
          if (changed) return;
          latest = devices;
          send();
        },
        (error: unknown) => {
          stop();
          call.emit("error", StorageError.from(error).toServiceError());
        },
      );
    },
  };
}
