export type { ClusterDevice } from "../../gen/ts/lightnvm/v1/cluster_pb.js";
export type { Command, Completion } from "../../gen/ts/lightnvm/v1/command_pb.js";
export { CommandSchema, Opcode, StatusCode } from "../../gen/ts/lightnvm/v1/command_pb.js";
export type { ChunkDescriptor, Device } from "../../gen/ts/lightnvm/v1/device_pb.js";
export { ChunkState } from "../../gen/ts/lightnvm/v1/device_pb.js";
export type {
  ContextStats,
  DeviceStats,
  GetStatsResponse,
  IoStats,
  LatencyHistogram,
  OpcodeStats,
} from "../../gen/ts/lightnvm/v1/stats_pb.js";
export {
  type AddressInput,
  type SectorAddressInput,
  type TargetInput,
  toAddress,
  toTarget,
} from "./address-input.js";
export {
  type ClusterChange,
  ClusterClient,
  type ClusterClientOptions,
  connectCluster,
} from "./cluster-client.js";
export { ContextHandle, HANDLE_TAG_BASE } from "./context-handle.js";
export {
  createLnvmClient,
  LnvmClient,
  type LnvmClientOptions,
  type LnvmTlsOptions,
  type ReportChunksOptions,
} from "./lnvm-client.js";
export { LnvmError, type LnvmFieldViolation } from "./lnvm-error.js";
export type { CallLimits } from "./unary.js";
