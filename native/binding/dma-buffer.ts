import type { LightnvmLibrary } from "./library.js";
import { NativeError } from "./native-error.js";

/** A region of native memory that a command may read from or write into. */
export interface NativeRegion {
  /** Address of the first byte. */
  readonly ptr: number;
  /** Size in bytes. */
  readonly nbytes: number;
}

/**
 * I/O memory from `nvm_buf_alloc`, exposed to JavaScript as a `Uint8Array` over the same bytes
 * (no copy). The collector never moves or frees it: it lives until `free()` is called, so it is
 * safe to hand to a command that completes later.
 */
export class DmaBuffer implements NativeRegion {
  readonly ptr: number;
  readonly nbytes: number;
  /** The buffer's bytes; invalid after `free()`. */
  readonly bytes: Uint8Array;
  readonly #library: LightnvmLibrary;
  readonly #dev: number;
  #freed = false;

  /** Allocates `nbytes` (> 0) of zeroed I/O memory on the device `dev`. */
  constructor(library: LightnvmLibrary, dev: number, nbytes: number) {
    if (!Number.isSafeInteger(nbytes) || nbytes <= 0) {
      throw new RangeError(`DMA buffer size must be a positive integer, got ${nbytes}`);
    }
    const ptr = library.nvm_buf_alloc(dev, nbytes, 0);
    if (!ptr) throw new NativeError("nvm_buf_alloc", library.errno(), `${nbytes} bytes`);
    this.ptr = ptr;
    this.nbytes = nbytes;
    this.bytes = new Uint8Array(library.view(ptr, nbytes));
    this.#library = library;
    this.#dev = dev;
  }

  /** A region covering `nbytes` bytes from `byteOffset`; throws when it leaves the buffer. */
  region(byteOffset: number, nbytes: number): NativeRegion {
    if (byteOffset < 0 || nbytes < 0 || byteOffset + nbytes > this.nbytes) {
      throw new RangeError(
        `region [${byteOffset}, ${byteOffset + nbytes}) outside DMA buffer of ${this.nbytes} bytes`,
      );
    }
    return { ptr: this.ptr + byteOffset, nbytes };
  }

  /** Returns the memory to the library. Idempotent. The caller guarantees no command uses it. */
  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    this.#library.nvm_buf_free(this.#dev, this.ptr);
  }
}
