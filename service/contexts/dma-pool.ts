import type { Device, DmaBuffer } from "../../native/binding/index.js";

/**
 * Reuses I/O buffers by exact size so the submit path does not allocate native memory per
 * command. Buffers in flight belong to their command; `release` returns them. Everything is
 * freed by `close`, which the owner calls once no command can still use a buffer.
 */
export class DmaPool {
  readonly #device: Device;
  readonly #free = new Map<number, DmaBuffer[]>();
  readonly #all = new Set<DmaBuffer>();

  constructor(device: Device) {
    this.#device = device;
  }

  /** A buffer of exactly `nbytes`, reused when one is free. */
  acquire(nbytes: number): DmaBuffer {
    const buffer = this.#free.get(nbytes)?.pop();
    if (buffer) return buffer;
    const fresh = this.#device.allocBuffer(nbytes);
    this.#all.add(fresh);
    return fresh;
  }

  /** Returns `buffer` for reuse. */
  release(buffer: DmaBuffer): void {
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
  }
}
