import { create } from "@bufbuild/protobuf";
import { type ClientDuplexStream, status } from "@grpc/grpc-js";
import {
  type AsyncContextServiceClient,
  AsyncContextServiceDefinition,
} from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type SessionRequest,
  SessionRequestSchema,
  type SessionResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type { Command, Completion } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { LnvmError } from "./lnvm-error.js";
import { decodeSessionResponse, encodeSessionRequest } from "./session-wire.js";

/** The Session RPC, called with the session's own codec (session-wire.ts). */
const SESSION_PATH = AsyncContextServiceDefinition.session.path;

/** Data bytes per session message the client aims for, well below any receive limit. */
export const MAX_MESSAGE_DATA_NBYTES = 3 * 1024 * 1024;

/** How often a broken session is reattached before its commands fail, and the backoff. */
const REATTACH_ATTEMPTS = 8;
const REATTACH_FIRST_DELAY_MS = 20;
const REATTACH_MAX_DELAY_MS = 1000;

/** Codes after which a session is reattached: the context may still be there. */
const TRANSIENT_CODES = new Set<number>([
  status.UNAVAILABLE,
  status.CANCELLED,
  status.UNKNOWN,
  status.INTERNAL,
  // The server may not have seen the broken session go yet.
  status.FAILED_PRECONDITION,
]);

/** A command the session sent or will send, and what its completion settles. */
export interface SessionCommand {
  readonly command: Command;
  /** Write data bytes (what the server's credit counts). */
  readonly writeNbytes: number;
}

/** What the session reports to its owner. */
export interface SessionEvents {
  /** A batch of completions, each once, in sequence order. */
  completions(batch: Completion[]): void;
  /**
   * The server refused a message (e.g. a command failed validation): `refused` (the commands of
   * that message and every later one) never reached the device. The session reattached and
   * continues with the commands that did.
   */
  refused(error: LnvmError, refused: SessionCommand[]): void;
  /**
   * The session cannot continue (the context is gone, or reattaching kept failing): `unsent`
   * never reached the device; the completions of the other commands can no longer arrive.
   */
  failed(error: LnvmError, unsent: SessionCommand[]): void;
}

/** Options of a session. */
export interface IoSessionOptions {
  readonly contextId: string;
  readonly depth: number;
  /** The context's held_bytes_limit: at most this much write data is in flight. */
  readonly heldBytesLimit: number;
  /** The client's receive limit, stated to the server. */
  readonly maxReceiveMessageBytes: number;
}

/**
 * The client side of a lightnvm.v1 Session: commands pipelined in order within the credit
 * (depth commands and held_bytes_limit bytes of write data sent and not completed), every
 * completion acknowledged once handed to the owner, and, when the stream breaks for a transient
 * reason, a reattach that takes the server's replay (so each command settles from its real
 * completion) and resends exactly the commands the server reports it never submitted.
 */
export class IoSession {
  readonly #rpc: AsyncContextServiceClient;
  readonly #options: IoSessionOptions;
  readonly #events: SessionEvents;
  /** Issued and not sent. */
  #queue: SessionCommand[] = [];
  /** Sent on the current stream and not yet reported submitted, with their positions. */
  #unconfirmed: { item: SessionCommand; position: number }[] = [];
  /** Context-wide position (AsyncContext.submitted) the next command sent will have. */
  #nextPosition = 0;
  /** Commands sent and not completed, and their write bytes (the credit in use). */
  #inFlight = 0;
  #inFlightNbytes = 0;
  readonly #inFlightTags = new Map<bigint, number>();
  /** Highest sequence handed to the owner, and the highest acknowledged to the server. */
  #processed = 0n;
  #acknowledged = 0n;
  #call: ClientDuplexStream<SessionRequest, SessionResponse> | undefined;
  #opened = false;
  #flushScheduled = false;
  #attempt = 0;
  #closing = false;
  #closed = false;
  #paused = false;
  #whenClosed: (() => void) | undefined;
  /** Set when the server refused a message: the commands it did not submit fail with it. */
  #refusal: LnvmError | undefined;

  constructor(rpc: AsyncContextServiceClient, options: IoSessionOptions, events: SessionEvents) {
    this.#rpc = rpc;
    this.#options = options;
    this.#events = events;
    this.#connect();
  }

  /** Commands sent and not completed. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Queues `item`; it is sent, in issue order, once the credit allows. */
  send(item: SessionCommand): void {
    this.#queue.push(item);
    this.#scheduleFlush();
  }

  /** Stops (true) or resumes reading completions: a slow consumer holds the server, not memory. */
  pause(paused: boolean): void {
    this.#paused = paused;
    if (paused) this.#call?.pause();
    else this.#call?.resume();
  }

  /** Half-closes once every sent command completed; resolves when the server ended it. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closing = true;
    return new Promise((resolve) => {
      this.#whenClosed = resolve;
      this.#maybeHalfClose();
    });
  }

  /** Cancels the stream at once (the context keeps what it holds). */
  cancel(): void {
    this.#closed = true;
    this.#call?.cancel();
    this.#whenClosed?.();
  }

  #connect(): void {
    let call: ClientDuplexStream<SessionRequest, SessionResponse>;
    try {
      call = this.#rpc.makeBidiStreamRequest(
        SESSION_PATH,
        encodeSessionRequest,
        decodeSessionResponse,
      );
    } catch (error) {
      // The channel was closed.
      this.#fail(LnvmError.from(error));
      return;
    }
    this.#call = call;
    this.#opened = false;
    call.on("data", (message: SessionResponse) => this.#onMessage(call, message));
    call.on("error", (error: unknown) => this.#onBroken(call, LnvmError.from(error)));
    call.on("end", () => {
      if (this.#call !== call) return;
      this.#call = undefined;
      if (this.#closing) {
        this.#closed = true;
        this.#whenClosed?.();
      }
    });
    call.write(
      create(SessionRequestSchema, {
        open: {
          context: { case: "contextId", value: this.#options.contextId },
          maxReceiveMessageBytes: this.#options.maxReceiveMessageBytes,
        },
        ackThrough: this.#processed,
      }),
    );
    this.#acknowledged = this.#processed;
    if (this.#paused) call.pause();
  }

  #onMessage(call: ClientDuplexStream<SessionRequest, SessionResponse>, message: SessionResponse) {
    if (this.#call !== call) return;
    if (message.opened) {
      this.#opened = true;
      this.#attempt = 0;
      // Commands of the broken stream that the context reports submitted stay in flight (their
      // completions are replayed); the others never reached it and go first, in order.
      const submitted = Number(message.opened.submitted);
      const unsubmitted = this.#unconfirmed
        .filter((u) => u.position > submitted)
        .map((u) => u.item);
      for (const item of unsubmitted) this.#release(item);
      this.#unconfirmed = [];
      this.#nextPosition = submitted;
      const refusal = this.#refusal;
      if (refusal) {
        this.#refusal = undefined;
        this.#events.refused(refusal, [...unsubmitted, ...this.#queue.splice(0)]);
      } else {
        this.#queue = [...unsubmitted, ...this.#queue];
      }
    }
    this.#confirm(Number(message.submitted));
    const fresh: Completion[] = [];
    for (const completion of message.completions) {
      // A replay starts at the oldest unacknowledged completion: skip what was handed over.
      if (completion.sequence <= this.#processed) continue;
      this.#processed = completion.sequence;
      const nbytes = this.#inFlightTags.get(completion.tag);
      if (nbytes !== undefined) {
        this.#inFlightTags.delete(completion.tag);
        this.#inFlight--;
        this.#inFlightNbytes -= nbytes;
      }
      fresh.push(completion);
    }
    if (fresh.length > 0) this.#events.completions(fresh);
    this.#scheduleFlush();
    this.#maybeHalfClose();
  }

  #confirm(submitted: number): void {
    let n = 0;
    while (n < this.#unconfirmed.length && (this.#unconfirmed[n]?.position ?? 0) <= submitted) n++;
    if (n > 0) this.#unconfirmed.splice(0, n);
  }

  #onBroken(call: ClientDuplexStream<SessionRequest, SessionResponse>, error: LnvmError): void {
    if (this.#call !== call) return;
    this.#call = undefined;
    if (this.#closed) return;
    if (this.#closing && this.#inFlight === 0) {
      this.#closed = true;
      this.#whenClosed?.();
      return;
    }
    // A context that is gone, or a server that is shutting down (its contexts go with it),
    // will not take the commands later.
    if (
      error.code === status.NOT_FOUND ||
      error.reason === "SHUTTING_DOWN" ||
      this.#attempt >= REATTACH_ATTEMPTS
    ) {
      this.#fail(error);
      return;
    }
    if (TRANSIENT_CODES.has(error.code)) {
      const delay = Math.min(REATTACH_MAX_DELAY_MS, REATTACH_FIRST_DELAY_MS * 2 ** this.#attempt);
      this.#attempt++;
      setTimeout(() => {
        if (!this.#closed) this.#connect();
      }, delay);
      return;
    }
    // The server refused a message and ended the session: reattach at once; the new session's
    // `opened.submitted` tells which commands it never submitted, and those fail with `error`.
    this.#attempt++;
    this.#refusal = error;
    this.#connect();
  }

  #fail(error: LnvmError): void {
    this.#closed = true;
    this.#call = undefined;
    // What was sent and not confirmed may or may not have reached the device: only the queue
    // is known unsent.
    const unsent = this.#queue.splice(0);
    this.#events.failed(this.#refusal ?? error, unsent);
    this.#whenClosed?.();
  }

  #release(item: SessionCommand): void {
    if (this.#inFlightTags.delete(item.command.tag)) {
      this.#inFlight--;
      this.#inFlightNbytes -= item.writeNbytes;
    }
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flush());
  }

  /** Sends queued commands within the credit, with the acknowledgement, as few messages as fit. */
  #flush(): void {
    this.#flushScheduled = false;
    const call = this.#call;
    if (!call || !this.#opened) return;
    const { depth, heldBytesLimit } = this.#options;
    for (;;) {
      const commands: Command[] = [];
      let nbytes = 0;
      while (this.#queue.length > 0 && this.#inFlight < depth) {
        const item = this.#queue[0] as SessionCommand;
        if (this.#inFlight > 0 && this.#inFlightNbytes + item.writeNbytes > heldBytesLimit) break;
        if (commands.length > 0 && nbytes + item.writeNbytes > MAX_MESSAGE_DATA_NBYTES) break;
        this.#queue.shift();
        commands.push(item.command);
        nbytes += item.writeNbytes;
        this.#inFlight++;
        this.#inFlightNbytes += item.writeNbytes;
        this.#inFlightTags.set(item.command.tag, item.writeNbytes);
        this.#unconfirmed.push({ item, position: ++this.#nextPosition });
      }
      const ack = this.#processed > this.#acknowledged ? this.#processed : 0n;
      if (commands.length === 0 && ack === 0n) return;
      this.#acknowledged = this.#processed;
      call.write({ $typeName: "lightnvm.v1.SessionRequest", commands, ackThrough: ack });
      if (commands.length === 0) return;
    }
  }

  #maybeHalfClose(): void {
    if (!this.#closing || this.#inFlight > 0 || this.#queue.length > 0) return;
    const call = this.#call;
    if (!call) {
      this.#closed = true;
      this.#whenClosed?.();
      return;
    }
    this.#flush();
    call.end();
  }
}
