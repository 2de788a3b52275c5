import { create } from "@bufbuild/protobuf";
import { credentials } from "@grpc/grpc-js";
import type { ExecutionContext } from "ava";
import { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  type SessionRequest,
  SessionRequestSchema,
  type SessionResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type { Command } from "../../gen/ts/lightnvm/v1/command_pb.js";

/** What opens a raw session: an existing context or a new one. */
export type SessionTarget = { contextId: string } | { device: string; depth: number };

/**
 * A Session driven message by message through the generated stub, for tests of the protocol
 * itself: every server message is queued for `next()`, the end or error is kept in `ended`.
 * Its channel is closed when the test ends.
 */
export class RawSession {
  readonly #call: ReturnType<AsyncContextServiceClient["session"]>;
  readonly #client: AsyncContextServiceClient;
  readonly #messages: SessionResponse[] = [];
  #wake: (() => void) | undefined;
  /** Resolves with the call's error (or undefined for OK) once it ends. */
  readonly ended: Promise<unknown>;

  constructor(
    t: ExecutionContext,
    address: string,
    target: SessionTarget,
    options: { maxReceiveMessageBytes?: number; ackThrough?: bigint; withoutOpen?: boolean } = {},
  ) {
    const limit = options.maxReceiveMessageBytes || 4 * 1024 * 1024;
    this.#client = new AsyncContextServiceClient(address, credentials.createInsecure(), {
      "grpc.max_receive_message_length": limit,
    });
    t.teardown(() => this.#client.close());
    this.#call = this.#client.session();
    this.#call.on("data", (message: SessionResponse) => {
      this.#messages.push(message);
      this.#wake?.();
    });
    this.ended = new Promise((resolve) => {
      this.#call.on("error", (error) => {
        resolve(error);
        this.#wake?.();
      });
      this.#call.on("end", () => {
        resolve(undefined);
        this.#wake?.();
      });
    });
    const open =
      "contextId" in target
        ? { context: { case: "contextId" as const, value: target.contextId } }
        : {
            context: {
              case: "init" as const,
              value: { device: target.device, depth: target.depth, flags: 0 },
            },
          };
    if (options.withoutOpen) return;
    this.#call.write(
      create(SessionRequestSchema, {
        open: { ...open, maxReceiveMessageBytes: options.maxReceiveMessageBytes ?? 0 },
        ackThrough: options.ackThrough ?? 0n,
      }),
    );
  }

  /** Sends `request` as it is (for requests a well-behaved client would not send). */
  sendRequest(request: SessionRequest): void {
    this.#call.write(request);
  }

  /** Sends commands and/or an acknowledgement in one message. */
  send(commands: Command[], ackThrough = 0n): void {
    this.#call.write(create(SessionRequestSchema, { commands, ackThrough }) as SessionRequest);
  }

  /** The next server message; undefined once the call ended. */
  async next(): Promise<SessionResponse | undefined> {
    for (;;) {
      const message = this.#messages.shift();
      if (message) return message;
      const done = await Promise.race([
        this.ended.then(() => true),
        new Promise<false>((resolve) => {
          this.#wake = () => resolve(false);
        }),
      ]);
      this.#wake = undefined;
      if (done && this.#messages.length === 0) return undefined;
    }
  }

  /** Stops (true) or resumes delivering messages to `next()` at the transport. */
  pause(paused: boolean): void {
    if (paused) this.#call.pause();
    else this.#call.resume();
  }

  /** Half-closes the client side. */
  end(): void {
    this.#call.end();
  }

  cancel(): void {
    this.#call.cancel();
  }
}
