import { integerOption } from "../../options/index.js";

/** Commands in flight by default (and the context depth) of `read`, `write` and `copy`. */
export const DEFAULT_IO_QD = 32;
/** Most commands in flight `read`, `write` and `copy` accept. */
export const MAX_IO_QD = 4096;

/** The `--qd N` option of `read`, `write` and `copy`. */
export const ioQueueDepthOption = integerOption({
  default: DEFAULT_IO_QD,
  min: 1,
  max: MAX_IO_QD,
  help: "commands in flight",
});
