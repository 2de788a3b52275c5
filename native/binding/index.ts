// The binding's types are named Nvm* so that they never collide with the generated message types
// (gen/ts) of the same concept.
export { NVM_MCCAP_MULTIPLE_RESETS, NVM_MCCAP_VECTOR_COPY, NVM_NADDR_MAX } from "./abi.js";
export {
  ADDRESS_FIELD_MAX,
  addressFieldOutOfRange,
  decodeAddress,
  encodeAddress,
  formatAddress,
  type NvmSectorAddress,
} from "./address.js";
export {
  type CommandTarget,
  type CompletionSink,
  MAX_CONTEXT_DEPTH,
  NvmAsyncContext,
} from "./async-context.js";
export {
  decodeCommandStatus,
  type NvmCommandStatus,
  statusName,
  UNKNOWN_STATUS_NAME,
} from "./command-status.js";
export { yieldCpu } from "./cpu-yield.js";
export {
  type DeviceOpenOptions,
  type NvmChunkDescriptor,
  NvmChunkState,
  NvmDevice,
  type NvmGeometry,
} from "./device.js";
export { DmaBuffer, type NativeRegion } from "./dma-buffer.js";
export { LIBRARY_PATH_ENV, loadLightnvm, MODEL_LIBRARY_PATH } from "./library.js";
export { createModelImage, injectModelFaults, type ModelImageOptions } from "./model-image.js";
export { NativeError } from "./native-error.js";
