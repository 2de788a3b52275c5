import { NVM_NADDR_MAX } from "../../native/binding/index.js";
import { MESSAGE_OVERHEAD_NBYTES } from "../config.js";
import { invalidRequest } from "../errors.js";

/** gRPC's default receive limit, which a client that states none is assumed to have. */
export const DEFAULT_RECEIVE_LIMIT_NBYTES = 4 * 1024 * 1024;

/** Metadata per sector the receive-limit margin leaves room for, bytes. */
const SECTOR_METADATA_ALLOWANCE_NBYTES = 1024;

/**
 * Bytes beyond a command's data that the smallest receive limit must leave for its completion:
 * metadata of its up to NVM_NADDR_MAX sectors and message framing (the proto states the sum,
 * 66560).
 */
export const RECEIVE_LIMIT_MARGIN_NBYTES =
  NVM_NADDR_MAX * SECTOR_METADATA_ALLOWANCE_NBYTES + MESSAGE_OVERHEAD_NBYTES;

/** Bytes a completion message keeps for its own fields besides the completions. */
export const MESSAGE_FIELDS_NBYTES = 64;

/**
 * Bytes of completions the server may put in one message to a client that stated `stated`
 * bytes as its receive limit (0: gRPC's default), cut to the server's own limit. A limit below
 * `minNbytes` (one completion of the largest command must fit) fails with INVALID_ARGUMENT
 * naming `field`.
 */
export function receiveLimitNbytes(
  stated: number,
  serverMax: number,
  minNbytes: number,
  field: string,
): number {
  if (stated !== 0 && stated < minNbytes) {
    throw invalidRequest([
      {
        field,
        description: `must be 0 or at least ${minNbytes} bytes (one completion of the largest command), got ${stated}`,
      },
    ]);
  }
  const limit = stated === 0 ? DEFAULT_RECEIVE_LIMIT_NBYTES : stated;
  return Math.min(limit, serverMax) - MESSAGE_FIELDS_NBYTES;
}
