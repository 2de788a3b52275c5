import type { DescMessage } from "@bufbuild/protobuf";
import type { Prng } from "../helpers/prng.js";

/** How an RPC carries its messages, which decides how the fuzzer calls it (`invokeRpc`). */
export type RpcKind = "unary" | "server-stream" | "bidi";

/** What structured requests may name: the live device and contexts of the fuzzed server. */
export interface FuzzEnv {
  readonly device: string;
  readonly geometry: {
    readonly npugrp: number;
    readonly npunit: number;
    readonly nchunk: number;
    readonly nsectr: number;
    readonly nbytes: number;
  };
  readonly wsMin: number;
  readonly maxDepth: number;
  /** Long-lived contexts that structured I/O requests name. */
  readonly contexts: readonly string[];
  /** Contexts that fuzzed Inits created, for fuzzed Terms (and the final clean-up) to end. */
  readonly disposable: string[];
  /** Parallel units structured commands address; the canary's is not among them. */
  readonly punits: readonly number[];
}

/**
 * One RPC under fuzz. Adding an RPC, a bidi one included, is adding one of these to
 * `FUZZ_TARGETS`: the runner derives raw cases, mutations and the pass criteria from it.
 */
export interface FuzzTarget {
  /** The method's name, as reports show it. */
  readonly name: string;
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly kind: RpcKind;
  /** The request message type. */
  readonly request: DescMessage;
  /**
   * Well-formed requests to mutate: exactly one message for unary and server-stream RPCs, the
   * messages of one call in order for a bidi RPC. Extreme field values are welcome here.
   */
  seed(env: FuzzEnv, rng: Prng): Uint8Array[];
  /** Sees every response message of a successful call (Init learns the contexts it created). */
  onResponse?(env: FuzzEnv, response: Uint8Array): void;
  /**
   * Whether this request may legitimately outlive its deadline (a Submit asked to wait for
   * room): then DEADLINE_EXCEEDED is a defined answer for it.
   */
  mayWait?(request: Uint8Array): boolean;
}
