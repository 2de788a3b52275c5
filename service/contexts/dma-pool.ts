import type { DmaBuffer, NvmDevice } from "../../native/binding/index.js";

/** Idle buffer memory a pool keeps by default: enough for 64 commands of 256 KiB. */
export const DEFAULT_MAX_FREE_NBYTES = 16 * 1024 * 1024;

/**
 * Reuses I/O buffers by exact size so the submit path does not allocate native memory per
 * command. Buffers in flight belong to their command; `release` returns them. Everything is
 * freed by `close`, which the owner calls once no command can still use a buffer.
 */
export class DmaPool {
  readonly #device: NvmDevice;
  readonly #free = new Map<number, DmaBuffer[]>();
  readonly #all = new Set<DmaBuffer>();
  readonly #maxFreeNbytes: number;
  #freeNbytes = 0;

  /** `maxFreeNbytes`: the most idle memory the pool keeps for reuse. */
  constructor(device: NvmDevice, maxFreeNbytes = DEFAULT_MAX_FREE_NBYTES) {
    this.#device = device;
    this.#maxFreeNbytes = maxFreeNbytes;
  }

  /** A buffer of exactly `nbytes`, reused when one is free. */
  acquire(nbytes: number): DmaBuffer {
    const buffer = this.#free.get(nbytes)?.pop();
    if (buffer) {
      this.#freeNbytes -= nbytes;
      return buffer;
    }
    const fresh = this.#device.allocBuffer(nbytes);
    this.#all.add(fresh);
    return fresh;
  }

  /** Returns `buffer` for reuse, or frees it when the pool already keeps enough free memory. */
  release(buffer: DmaBuffer): void {
    if (this.#freeNbytes + buffer.nbytes > this.#maxFreeNbytes) {
      this.#all.delete(buffer);
      buffer.free();
      return;
    }
    this.#freeNbytes += buffer.nbytes;
    let list = this.#free.get(buffer.nbytes);
    if (!list) {
      list = [];
      this.#free.set(buffer.nbytes, list);
    }
    list.push(buffer);
  }

  /** Frees every buffer the pool ever handed out. */
  close(): void {
    for (const buffer of this.#all) buffer.free();
    this.#all.clear();
    this.#free.clear();
    this.#freeNbytes = 0;
  }
}
