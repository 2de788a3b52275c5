/** Buffers at most this large are worth keeping; smaller ones come from Node's own pool. */
const MIN_KEPT_NBYTES = 64 * 1024;

/**
 * Most idle bytes one consumer keeps for reuse: one message of `MESSAGE_TARGET_NBYTES`, so a
 * stalled reader (which sends nothing more) leaves little memory behind.
 */
const MAX_IDLE_NBYTES = 1024 * 1024;

/**
 * Reusable buffers for one consumer's encoded messages, so large reads are not reallocated per
 * message: a buffer goes back once grpc-js has flushed the message (it copies the message into
 * its own framed buffer first, so the bytes are not needed past that).
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
