import { NVM_NADDR_MAX } from "../../native/binding/index.js";

/**
 * What one request message may contain, checked on its wire bytes before protobuf-es decodes
 * it (`scanRequest`). Each limit bounds what decoding and validating the message can cost.
 * Fields are named by their full proto name, `lightnvm.v1.SubmitRequest.commands`.
 */
export interface RequestLimits {
  /** Most entries of a repeated field, by field; each limit comes with its reason. */
  readonly maxEntries: ReadonlyMap<string, { readonly max: number; readonly why: string }>;
  /** Most entries of a repeated field not listed in `maxEntries`. */
  readonly defaultMaxEntries: number;
  /** Longest `bytes` field, bytes, by field; fields not listed: `defaultMaxBytesNbytes`. */
  readonly maxBytesNbytes: ReadonlyMap<string, number>;
  readonly defaultMaxBytesNbytes: number;
  /** Longest `string` field, bytes of UTF-8. */
  readonly maxStringNbytes: number;
  /**
   * Most occurrences of one singular field in one message. Encoders write a field once; a
   * decoder merges repeats, so repeats cost work without meaning more.
   */
  readonly maxSingularOccurrences: number;
  /**
   * Most fields unknown to this server in a whole request (a newer client may send a few; the
   * server neither keeps nor answers them).
   */
  readonly maxUnknownFields: number;
}

/** Fields unknown to the server one request may carry. */
export const MAX_UNKNOWN_FIELDS = 64;
/** Entries of a repeated field without a limit of its own. */
export const DEFAULT_MAX_ENTRIES = 64;
/** Longest string field: ids are 36 characters, device names are file names. */
export const MAX_STRING_NBYTES = 4096;
/** Occurrences of one singular field in one message. */
export const MAX_SINGULAR_OCCURRENCES = 16;

/**
 * The limits of lnvmd's requests: a Submit or a Session message carries at most `maxDepth`
 * commands (no context holds more), a vector, erase or copy list at most 64 addresses
 * (`NVM_NADDR_MAX`), a write at most `maxCommandBytes` of data or meta.
 */
export function createRequestLimits(config: {
  readonly maxDepth: number;
  readonly maxCommandBytes: number;
}): RequestLimits {
  const naddrs = { max: NVM_NADDR_MAX, why: "addresses per command (NVM_NADDR_MAX)" };
  const batch = { max: config.maxDepth, why: "commands per batch (--max-depth)" };
  return {
    maxEntries: new Map([
      ["lightnvm.v1.SubmitRequest.commands", batch],
      ["lightnvm.v1.SessionRequest.commands", batch],
      ["lightnvm.v1.VectorTarget.addresses", naddrs],
      ["lightnvm.v1.EraseCommand.chunks", naddrs],
      ["lightnvm.v1.CopyCommand.sources", naddrs],
      ["lightnvm.v1.CopyCommand.destinations", naddrs],
    ]),
    defaultMaxEntries: DEFAULT_MAX_ENTRIES,
    maxBytesNbytes: new Map([
      ["lightnvm.v1.WriteCommand.data", config.maxCommandBytes],
      ["lightnvm.v1.WriteCommand.meta", config.maxCommandBytes],
    ]),
    defaultMaxBytesNbytes: config.maxCommandBytes,
    maxStringNbytes: MAX_STRING_NBYTES,
    maxSingularOccurrences: MAX_SINGULAR_OCCURRENCES,
    maxUnknownFields: MAX_UNKNOWN_FIELDS,
  };
}
