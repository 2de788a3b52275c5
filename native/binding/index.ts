export {
  ADDRESS_FIELD_MAX,
  addressFieldOutOfRange,
  decodeAddress,
  encodeAddress,
  formatAddress,
  type SectorAddress,
} from "./address.js";
export {
  AsyncContext,
  type CommandTarget,
  type CompletionSink,
  MAX_CONTEXT_DEPTH,
} from "./async-context.js";
export { type CommandStatus, decodeCommandStatus, STATUS_NAMES } from "./command-status.js";
export { yieldCpu } from "./cpu-yield.js";
export {
  type ChunkDescriptor,
  ChunkState,
  Device,
  type DeviceOpenOptions,
  type Geometry,
} from "./device.js";
export { DmaBuffer, type NativeRegion } from "./dma-buffer.js";
export { LIBRARY_PATH_ENV, loadLightnvm, MODEL_LIBRARY_PATH } from "./library.js";
export { createModelImage, injectModelFaults, type ModelImageOptions } from "./model-image.js";
export { NativeError } from "./native-error.js";
