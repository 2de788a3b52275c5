/** Buffers at most this large are worth keeping; smaller ones come from Node's own pool. */
const MIN_KEPT_NBYTES = 64 * 1024;

/**
 * Most idle bytes kept for reuse: two messages of `MESSAGE_TARGET_NBYTES`, what one flush of
 * one consumer has in use before grpc-js takes them.
 */
const MAX_IDLE_NBYTES = 2 * 1024 * 1024;

/**
 * Reusable buffers for encoded messages, so large reads are not reallocated per message. One
 * instance serves every consumer of a server: grpc-js copies a message into its own framed
 * buffer as it is written, so a buffer comes back (`release`, from `writeEncoded`'s `taken`)
 * within a microtask, and a stalled reader, which sends nothing more, holds none of them.
 */
export class MessageBuffers {
  readonly #idle: Buffer[] = [];
  #idleNbytes = 0;

  /** A buffer of exactly `nbytes` (a view of a reused one when one is big enough). */
  readonly acquire = (nbytes: number): Buffer => {
    if (nbytes < MIN_KEPT_NBYTES) return Buffer.allocUnsafe(nbytes);
    let best = -1;
    for (let i = 0; i < this.#idle.length; i++) {
      const size = (this.#idle[i] as Buffer).length;
      if (size >= nbytes && (best < 0 || size < (this.#idle[best] as Buffer).length)) best = i;
    }
    if (best < 0) return Buffer.allocUnsafe(nbytes);
    const [buffer] = this.#idle.splice(best, 1) as [Buffer];
    this.#idleNbytes -= buffer.length;
    return buffer.subarray(0, nbytes);
  };

  /** Returns a buffer from `acquire` once its message was flushed. */
  release(view: Buffer): void {
    const whole = Buffer.from(
      view.buffer,
      view.byteOffset,
      view.buffer.byteLength - view.byteOffset,
    );
    if (whole.length < MIN_KEPT_NBYTES || this.#idleNbytes + whole.length > MAX_IDLE_NBYTES) return;
    this.#idle.push(whole);
    this.#idleNbytes += whole.length;
  }
}
