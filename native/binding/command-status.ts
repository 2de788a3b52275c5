import { StatusCode } from "../../gen/ts/lightnvm/v1/command_pb.js";

/**
 * A command's completion status as the device reports it in `nvm_ret.status`: bits 0–7 are the
 * status code (SC), bits 8–10 the status code type (SCT).
 */
export interface NvmCommandStatus {
  /** `(sct << 8) | sc`; 0 means success. */
  readonly code: number;
  readonly sct: number;
  readonly sc: number;
  /** A stable name such as `OUT_OF_ORDER_WRITE`, or `UNKNOWN`. */
  readonly name: string;
}

/** The name of a code outside `StatusCode`. */
export const UNKNOWN_STATUS_NAME = "UNKNOWN";

/**
 * The name of packed code `code`: its `StatusCode` value's name without the `STATUS_CODE_`
 * prefix (proto/lightnvm/v1/command.proto, the one list of status names), or `UNKNOWN`.
 */
export function statusName(code: number): string {
  const name: string | undefined = StatusCode[code];
  return name ?? UNKNOWN_STATUS_NAME;
}

const STATUS_CACHE = new Map<number, NvmCommandStatus>();

/**
 * Decodes a raw 16-bit `nvm_ret.status`. Bits above SCT (phase, more, do-not-retry) are ignored.
 * Results are cached per code, so decoding allocates nothing on the completion path.
 */
export function decodeCommandStatus(raw: number): NvmCommandStatus {
  const code = raw & 0x7ff;
  let status = STATUS_CACHE.get(code);
  if (status === undefined) {
    status = Object.freeze({
      code,
      sct: code >> 8,
      sc: code & 0xff,
      name: statusName(code),
    });
    STATUS_CACHE.set(code, status);
  }
  return status;
}
