import { constants } from "node:os";
import { performance } from "node:perf_hooks";
import {
  NVM_ADDR_NBYTES,
  NVM_CMD_ASYNC,
  NVM_CMD_SCALAR,
  NVM_CMD_VECTOR,
  NVM_NADDR_MAX,
  NVM_RET_ASYNC_CB_ARG_OFFSET,
  NVM_RET_ASYNC_CB_OFFSET,
  NVM_RET_ASYNC_CTX_OFFSET,
  NVM_RET_RESULT_OFFSET,
  NVM_RET_STATUS_OFFSET,
} from "./abi.js";
import { type NvmSectorAddress, writeAddress } from "./address.js";
import { decodeCommandStatus, type NvmCommandStatus } from "./command-status.js";
import {
  attachContext,
  detachContext,
  ROUTER_SLOTS_PER_CONTEXT,
  routerCallback,
} from "./completion-router.js";
import type { NvmDevice } from "./device.js";
import type { DmaBuffer, NativeRegion } from "./dma-buffer.js";
import { NativeError } from "./native-error.js";

const { EAGAIN } = constants.errno;

/** Where a read or write goes. */
export type CommandTarget =
  /** One address per sector, 1–64 of them, in data order. */
  | { readonly mode: "vector"; readonly addresses: readonly NvmSectorAddress[] }
  /** `count` consecutive sectors of one chunk from `start`. */
  | { readonly mode: "scalar"; readonly start: NvmSectorAddress; readonly count: number };

/** Receives each completion, synchronously inside `poke`/`wait`. */
export type CompletionSink<T> = (
  tag: T,
  status: NvmCommandStatus,
  /** The result word (`nvm_ret.result`, e.g. a bit per failed address): all 64 bits. */
  result: bigint,
  /** Time from submission to this completion being reaped, in nanoseconds. */
  latencyNs: number,
) => void;

/** Largest depth the binding accepts (a slot index must fit the router's 16 bits). */
export const MAX_CONTEXT_DEPTH = ROUTER_SLOTS_PER_CONTEXT;

/**
 * Native bytes per slot: the `nvm_ret` (padded to 64), then the source and destination
 * address lists of up to 64 addresses each.
 */
const SLOT_RET_OFFSET = 0;
const SLOT_ADDRS_OFFSET = 64;
const SLOT_DST_OFFSET = SLOT_ADDRS_OFFSET + NVM_NADDR_MAX * NVM_ADDR_NBYTES;
const SLOT_NBYTES = SLOT_DST_OFFSET + NVM_NADDR_MAX * NVM_ADDR_NBYTES;

/**
 * An asynchronous command context (`nvm_async_*`) of a fixed depth. Each in-flight command
 * owns one of `depth` slots in a native slab that holds its `nvm_ret` and address lists, so
 * nothing the device reads or writes lives in collectable JavaScript memory. Completions are
 * matched by the slot encoded in `cb_arg` and handed to the sink with the submitter's tag.
 * One context is used by one thread (the event loop) at a time.
 */
export class NvmAsyncContext<T> {
  readonly device: NvmDevice;
  /** Maximum commands in flight. */
  readonly depth: number;
  readonly #handle: number;
  readonly #slab: DmaBuffer;
  readonly #slabView: DataView;
  readonly #key: number;
  readonly #sink: CompletionSink<T>;
  readonly #tags: (T | undefined)[];
  readonly #submittedAt: Float64Array;
  readonly #freeSlots: Int32Array;
  #nfree: number;
  #sinkError: unknown;
  #terminated = false;

  private constructor(device: NvmDevice, handle: number, sink: CompletionSink<T>) {
    const lib = device.library;
    this.device = device;
    this.#handle = handle;
    this.depth = lib.nvm_async_get_depth(handle);
    this.#sink = sink;
    this.#tags = new Array<T | undefined>(this.depth).fill(undefined);
    this.#submittedAt = new Float64Array(this.depth);
    this.#freeSlots = new Int32Array(this.depth);
    for (let i = 0; i < this.depth; i++) this.#freeSlots[i] = this.depth - 1 - i;
    this.#nfree = this.depth;
    try {
      this.#slab = device.allocBuffer(this.depth * SLOT_NBYTES);
    } catch (error) {
      lib.nvm_async_term(device.handle, handle);
      throw error;
    }
    this.#slabView = new DataView(this.#slab.bytes.buffer);
    this.#key = attachContext(lib, (slot) => this.#complete(slot));
    // A slot's async fields never change: fill them once, so a submission only clears status.
    const callback = routerCallback(lib);
    for (let slot = 0; slot < this.depth; slot++) {
      const ret = slot * SLOT_NBYTES + SLOT_RET_OFFSET;
      this.#slabView.setBigUint64(ret + NVM_RET_ASYNC_CTX_OFFSET, BigInt(handle), true);
      this.#slabView.setBigUint64(ret + NVM_RET_ASYNC_CB_OFFSET, BigInt(callback), true);
      const cbArg = this.#key * ROUTER_SLOTS_PER_CONTEXT + slot;
      this.#slabView.setBigUint64(ret + NVM_RET_ASYNC_CB_ARG_OFFSET, BigInt(cbArg), true);
    }
  }

  /**
   * `nvm_async_init`: a context of `depth` slots (0 = the library's default) on `device`.
   * Throws `RangeError` above `MAX_CONTEXT_DEPTH` and `NativeError` when the library refuses.
   */
  static init<T>(device: NvmDevice, depth: number, sink: CompletionSink<T>, flags = 0) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_CONTEXT_DEPTH) {
      throw new RangeError(`depth must be an integer in [0, ${MAX_CONTEXT_DEPTH}], got ${depth}`);
    }
    const lib = device.library;
    const handle = lib.nvm_async_init(device.handle, depth, flags);
    if (!handle) throw new NativeError("nvm_async_init", lib.errno(), `depth ${depth}`);
    if (lib.nvm_async_get_depth(handle) > MAX_CONTEXT_DEPTH) {
      lib.nvm_async_term(device.handle, handle);
      throw new RangeError(`library chose a depth above ${MAX_CONTEXT_DEPTH}`);
    }
    return new NvmAsyncContext<T>(device, handle, sink);
  }

  /** Commands submitted whose callback has not run yet (`nvm_async_get_outstanding`). */
  get outstanding(): number {
    return this.device.library.nvm_async_get_outstanding(this.#handle);
  }

  /** Slots free for new commands. */
  get free(): number {
    return this.#nfree;
  }

  get terminated(): boolean {
    return this.#terminated;
  }

  /** Queues a read of `target` into `data` (and `meta`, if given). */
  read(tag: T, target: CommandTarget, data: NativeRegion, meta?: NativeRegion): void {
    const lib = this.device.library;
    const { slot, naddrs, flags } = this.#stage(target, data, meta);
    const rc = lib.nvm_cmd_read(
      this.device.handle,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_ADDRS_OFFSET,
      naddrs,
      data.ptr,
      meta ? meta.ptr : 0,
      flags,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_RET_OFFSET,
    );
    this.#commit(slot, tag, rc, "nvm_cmd_read");
  }

  /** Queues a write of `data` (and `meta`, if given) to `target`. */
  write(tag: T, target: CommandTarget, data: NativeRegion, meta?: NativeRegion): void {
    const lib = this.device.library;
    const { slot, naddrs, flags } = this.#stage(target, data, meta);
    const rc = lib.nvm_cmd_write(
      this.device.handle,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_ADDRS_OFFSET,
      naddrs,
      data.ptr,
      meta ? meta.ptr : 0,
      flags,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_RET_OFFSET,
    );
    this.#commit(slot, tag, rc, "nvm_cmd_write");
  }

  /** Queues a reset of the chunks named by `chunks` (1–64; sector fields are ignored). */
  erase(tag: T, chunks: readonly NvmSectorAddress[]): void {
    const lib = this.device.library;
    const slot = this.#acquire();
    this.#writeAddresses(slot, SLOT_ADDRS_OFFSET, chunks);
    const rc = lib.nvm_cmd_erase(
      this.device.handle,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_ADDRS_OFFSET,
      chunks.length,
      0,
      NVM_CMD_ASYNC | NVM_CMD_VECTOR,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_RET_OFFSET,
    );
    this.#commit(slot, tag, rc, "nvm_cmd_erase");
  }

  /** Queues a copy of `sources[i]` to `destinations[i]` (same length, 1–64). */
  copy(
    tag: T,
    sources: readonly NvmSectorAddress[],
    destinations: readonly NvmSectorAddress[],
  ): void {
    if (sources.length !== destinations.length) {
      throw new RangeError(
        `copy needs as many destinations as sources, got ${destinations.length} and ${sources.length}`,
      );
    }
    const lib = this.device.library;
    const slot = this.#acquire();
    this.#writeAddresses(slot, SLOT_ADDRS_OFFSET, sources);
    this.#writeAddresses(slot, SLOT_DST_OFFSET, destinations);
    const rc = lib.nvm_cmd_copy(
      this.device.handle,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_ADDRS_OFFSET,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_DST_OFFSET,
      sources.length,
      NVM_CMD_ASYNC | NVM_CMD_VECTOR,
      this.#slab.ptr + slot * SLOT_NBYTES + SLOT_RET_OFFSET,
    );
    this.#commit(slot, tag, rc, "nvm_cmd_copy");
  }

  /**
   * `nvm_async_poke`: processes at most `max` ready completions (0 = all ready) without
   * blocking, handing each to the sink; returns how many it processed. If the sink threw, the
   * first exception is rethrown after the native call returns.
   */
  poke(max: number): number {
    this.#assertLive();
    const lib = this.device.library;
    const n = lib.nvm_async_poke(this.device.handle, this.#handle, max >>> 0);
    if (n < 0) throw new NativeError("nvm_async_poke", lib.errno());
    this.#rethrowSinkError();
    return n;
  }

  /**
   * `nvm_async_wait`: blocks the calling thread until nothing is outstanding, handing every
   * completion to the sink; returns how many it processed. Blocks the event loop: meant for
   * tools and tests, not for the server.
   */
  wait(): number {
    this.#assertLive();
    const lib = this.device.library;
    const n = lib.nvm_async_wait(this.device.handle, this.#handle);
    if (n < 0) throw new NativeError("nvm_async_wait", lib.errno());
    this.#rethrowSinkError();
    return n;
  }

  /**
   * `nvm_async_term`: releases the context. Throws `NativeError` (EBUSY) while commands are
   * outstanding; the context stays usable then. Idempotent once it succeeded.
   */
  term(): void {
    if (this.#terminated) return;
    const lib = this.device.library;
    if (lib.nvm_async_term(this.device.handle, this.#handle) < 0) {
      throw new NativeError("nvm_async_term", lib.errno());
    }
    this.#terminated = true;
    detachContext(lib, this.#key);
    this.#slab.free();
  }

  #stage(target: CommandTarget, data: NativeRegion, meta: NativeRegion | undefined) {
    const geo = this.device.geometry;
    let naddrs: number;
    let flags: number;
    if (target.mode === "vector") {
      naddrs = target.addresses.length;
      flags = NVM_CMD_ASYNC | NVM_CMD_VECTOR;
    } else {
      naddrs = target.count;
      flags = NVM_CMD_ASYNC | NVM_CMD_SCALAR;
    }
    if (!Number.isInteger(naddrs) || naddrs < 1 || naddrs > NVM_NADDR_MAX) {
      throw new RangeError(`a command addresses 1 to ${NVM_NADDR_MAX} sectors, got ${naddrs}`);
    }
    if (data.nbytes < naddrs * geo.nbytes) {
      throw new RangeError(
        `data buffer holds ${data.nbytes} bytes, ${naddrs} sectors need ${naddrs * geo.nbytes}`,
      );
    }
    if (meta && meta.nbytes < naddrs * geo.nbytesOob) {
      throw new RangeError(
        `meta buffer holds ${meta.nbytes} bytes, ${naddrs} sectors need ${naddrs * geo.nbytesOob}`,
      );
    }
    const slot = this.#acquire();
    if (target.mode === "vector") this.#writeAddresses(slot, SLOT_ADDRS_OFFSET, target.addresses);
    else writeAddress(this.#slabView, slot * SLOT_NBYTES + SLOT_ADDRS_OFFSET, target.start);
    return { slot, naddrs, flags };
  }

  #writeAddresses(slot: number, offset: number, addrs: readonly NvmSectorAddress[]): void {
    if (addrs.length < 1 || addrs.length > NVM_NADDR_MAX) {
      this.#release(slot);
      throw new RangeError(`a command takes 1 to ${NVM_NADDR_MAX} addresses, got ${addrs.length}`);
    }
    const base = slot * SLOT_NBYTES + offset;
    for (let i = 0; i < addrs.length; i++) {
      writeAddress(this.#slabView, base + i * NVM_ADDR_NBYTES, addrs[i] as NvmSectorAddress);
    }
  }

  #acquire(): number {
    this.#assertLive();
    if (this.#nfree === 0) {
      throw new NativeError("nvm_cmd", EAGAIN, `context depth ${this.depth} exhausted`);
    }
    const slot = this.#freeSlots[--this.#nfree] as number;
    const ret = slot * SLOT_NBYTES + SLOT_RET_OFFSET;
    this.#slabView.setUint32(ret + NVM_RET_RESULT_OFFSET, 0, true);
    this.#slabView.setUint32(ret + NVM_RET_RESULT_OFFSET + 4, 0, true);
    this.#slabView.setUint16(ret + NVM_RET_STATUS_OFFSET, 0, true);
    return slot;
  }

  #release(slot: number): void {
    this.#tags[slot] = undefined;
    this.#freeSlots[this.#nfree++] = slot;
  }

  #commit(slot: number, tag: T, rc: number, fn: string): void {
    if (rc < 0) {
      const errno = this.device.library.errno();
      this.#release(slot);
      throw new NativeError(fn, errno);
    }
    this.#tags[slot] = tag;
    this.#submittedAt[slot] = performance.now();
  }

  #complete(slot: number): void {
    const view = this.#slabView;
    const ret = slot * SLOT_NBYTES + SLOT_RET_OFFSET;
    const status = decodeCommandStatus(view.getUint16(ret + NVM_RET_STATUS_OFFSET, true));
    // Almost always 0: only a failed command pays for a BigInt.
    const low = view.getUint32(ret + NVM_RET_RESULT_OFFSET, true);
    const high = view.getUint32(ret + NVM_RET_RESULT_OFFSET + 4, true);
    const result = low === 0 && high === 0 ? 0n : (BigInt(high) << 32n) | BigInt(low);
    const latencyNs = Math.round((performance.now() - (this.#submittedAt[slot] as number)) * 1e6);
    const tag = this.#tags[slot] as T;
    this.#release(slot);
    try {
      this.#sink(tag, status, result, latencyNs);
    } catch (error) {
      this.#sinkError ??= error;
    }
  }

  #rethrowSinkError(): void {
    if (this.#sinkError === undefined) return;
    const error = this.#sinkError;
    this.#sinkError = undefined;
    throw error;
  }

  #assertLive(): void {
    if (this.#terminated) throw new Error("async context is terminated");
  }
}
