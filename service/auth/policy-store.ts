import { AccessPolicy } from "./access-policy.js";
import { type PartitionBounds, readPolicyFile } from "./policy-file.js";
import type { Principal } from "./principal.js";
import { TokenBucket } from "./token-bucket.js";

/** A principal's rate limits as token buckets, each holding one second's worth. */
export interface RateLimits {
  readonly ios: TokenBucket | undefined;
  readonly bytes: TokenBucket | undefined;
}

/**
 * The policy in force: read from `--policy` at start (throws PolicyError), re-read by
 * `reload()`, which keeps the previous policy when the file is not valid. Without a file it is
 * the open policy. Every decision reads `current`, so a reload applies from the next check on,
 * to calls and sessions already running too.
 */
export class PolicyStore {
  readonly #file: string | undefined;
  readonly #devices: ReadonlyMap<string, PartitionBounds>;
  #current: AccessPolicy;
  /** Buckets by principal id, made on first use; a reload starts them afresh. */
  #rateLimits = new Map<string, RateLimits | undefined>();

  constructor(file: string | undefined, devices: ReadonlyMap<string, PartitionBounds>) {
    this.#file = file;
    this.#devices = devices;
    this.#current = this.#read();
  }

  get current(): AccessPolicy {
    return this.#current;
  }

  /**
   * Whether `principal` is admin of every served device, so that telling it a context does not
   * exist reveals nothing it could not see anyway.
   */
  isAdminOfEveryDevice(principal: Principal): boolean {
    return [...this.#devices.keys()].every((device) => this.#current.isAdmin(principal, device));
  }

  /** The rate limits of `principal` under the current policy; undefined when it has none. */
  rateLimitsOf(principal: Principal): RateLimits | undefined {
    if (this.#rateLimits.has(principal.id)) return this.#rateLimits.get(principal.id);
    const quota = this.#current.quota(principal);
    const bucket = (rate: number | undefined) =>
      rate === undefined ? undefined : new TokenBucket(rate, rate);
    const ios = bucket(quota?.maxIops);
    const bytes = bucket(quota?.maxBytesPerSecond);
    const limits = ios || bytes ? { ios, bytes } : undefined;
    this.#rateLimits.set(principal.id, limits);
    return limits;
  }

  reload(): void {
    this.#current = this.#read();
    this.#rateLimits = new Map();
  }

  #read(): AccessPolicy {
    if (this.#file === undefined) return AccessPolicy.OPEN;
    return AccessPolicy.from(readPolicyFile(this.#file, this.#devices));
  }
}
