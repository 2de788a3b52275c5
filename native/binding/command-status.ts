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

/**
 * Status names keyed by packed code: the code table of `CommandStatus` in
 * proto/lightnvm/v1/command.proto (test/service/status-contract.test.ts keeps them equal).
 */
export const STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x000, "SUCCESS"],
  [0x002, "INVALID_FIELD"],
  [0x080, "LBA_OUT_OF_RANGE"],
  [0x280, "WRITE_FAULT"],
  [0x281, "UNRECOVERED_READ_ERROR"],
  [0x287, "UNWRITTEN_BLOCK"],
  [0x2c0, "OFFLINE_CHUNK"],
  [0x2c1, "INVALID_RESET"],
  [0x2d0, "READ_HIGH_ECC"],
  [0x2f0, "WRITE_NEXT_UNIT"],
  [0x2f1, "CHUNK_EARLY_CLOSE"],
  [0x2f2, "OUT_OF_ORDER_WRITE"],
]);

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
      name: STATUS_NAMES.get(code) ?? "UNKNOWN",
    });
    STATUS_CACHE.set(code, status);
  }
  return status;
}
