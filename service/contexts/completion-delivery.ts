import type { CompletionLog } from "./completion-log.js";
import type { ReapedCompletion } from "./reaped-completion.js";

/**
 * Bytes of completion messages a consumer may have inside grpc-js (written, not yet flushed to
 * the socket) before delivery waits: grpc-js reports backpressure only after ~16 queued
 * messages whatever their size, so the server counts the bytes itself. One message is always
 * allowed, however large.
 */
export const TRANSPORT_WINDOW_NBYTES = 1024 * 1024;

/**
 * Most completion bytes per message, whatever the client could receive: smaller messages let
 * the client work on the first completions while later ones are on the wire, and keep the
 * buffers the server reuses small. One completion always fits, however large.
 */
export const MESSAGE_TARGET_NBYTES = 1024 * 1024;

/** The transport side of a session or completion stream. */
export interface CompletionConsumer {
  /** Bytes of completions one message may carry (the client's receive limit less framing). */
  readonly messageNbytes: number;
  /** A written completion counts as acknowledged once flushed (StreamCompletions' default). */
  readonly acknowledgesOnFlush: boolean;
  /**
   * Encodes `batch` as one message and writes it; calls `flushed` once the transport has
   * passed it to the socket. Returns the message's bytes.
   */
  write(batch: readonly ReapedCompletion[], flushed: () => void): number;
  /** The context was terminated: end with OK. */
  end(): void;
}

/**
 * Delivery of a context's held completions to its one attached consumer, in sequence order,
 * bounded by the consumer's message size and by `TRANSPORT_WINDOW_NBYTES` of messages inside
 * grpc-js. Completions stay in the log until acknowledged; a consumer that detaches leaves
 * them for the next one.
 */
export class CompletionDelivery {
  readonly #log: CompletionLog;
  readonly #acknowledge: (through: number) => void;
  readonly #cost: (entry: ReapedCompletion) => number;
  readonly #written: (batch: readonly ReapedCompletion[]) => void;
  #consumer: CompletionConsumer | undefined;
  #inTransportNbytes = 0;
  #attachments = 0;
  #flushing = false;

  /**
   * `acknowledge` releases through a sequence (for consumers that acknowledge on flush);
   * `cost` bounds an entry's wire bytes; `written` sees each batch written (stats hook).
   */
  constructor(
    log: CompletionLog,
    acknowledge: (through: number) => void,
    cost: (entry: ReapedCompletion) => number,
    written: (batch: readonly ReapedCompletion[]) => void = () => {},
  ) {
    this.#log = log;
    this.#acknowledge = acknowledge;
    this.#cost = cost;
    this.#written = written;
  }

  get consumer(): CompletionConsumer | undefined {
    return this.#consumer;
  }

  /** Consumers attached so far: a call that saw it change knows one took completions. */
  get attachments(): number {
    return this.#attachments;
  }

  /** Bytes of messages written to the consumer's transport and not yet flushed. */
  get inTransportNbytes(): number {
    return this.#inTransportNbytes;
  }

  /** Attaches `consumer` and replays every held completion. False if one is attached. */
  attach(consumer: CompletionConsumer): boolean {
    if (this.#consumer) return false;
    this.#consumer = consumer;
    this.#attachments++;
    this.#inTransportNbytes = 0;
    this.#log.rewind();
    this.flush();
    return true;
  }

  /** Detaches `consumer`; what it was sent and did not acknowledge is pending again. */
  detach(consumer: CompletionConsumer): boolean {
    if (this.#consumer !== consumer) return false;
    this.#consumer = undefined;
    this.#inTransportNbytes = 0;
    this.#log.rewind();
    return true;
  }

  /** Writes pending completions while the transport window allows. */
  flush(): void {
    const consumer = this.#consumer;
    if (!consumer || this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#log.pending > 0 && this.#inTransportNbytes < TRANSPORT_WINDOW_NBYTES) {
        const batch = this.#log.nextToSend(
          Math.min(consumer.messageNbytes, MESSAGE_TARGET_NBYTES),
          this.#cost,
        );
        const through = (batch[batch.length - 1] as ReapedCompletion).sequence;
        const message = { nbytes: 0, counted: false, flushed: false };
        const nbytes = consumer.write(batch, () => {
          if (message.flushed) return;
          message.flushed = true;
          // A consumer that detached meanwhile left its completions for the next one.
          if (this.#consumer !== consumer) return;
          if (message.counted) this.#inTransportNbytes -= message.nbytes;
          if (consumer.acknowledgesOnFlush) this.#acknowledge(through);
          this.flush();
        });
        this.#written(batch);
        if (!message.flushed) {
          message.nbytes = nbytes;
          message.counted = true;
          this.#inTransportNbytes += nbytes;
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
