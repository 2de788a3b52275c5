import { once } from "node:events";
import type { ServerWritableStream } from "@grpc/grpc-js";
import type { Logger } from "pino";
import { StorageError } from "../errors.js";
import { cancellationSignal } from "./unary-handler.js";

/** How a server-streaming handler writes: with backpressure, and told of cancellation. */
export interface ServerStreamSink<Res> {
  /**
   * Writes `message`. Resolves at once while the stream takes more, after its `'drain'` when its
   * buffer is full, and at once (writing nothing) once the call is cancelled.
   */
  send(message: Res): Promise<void>;
  /** Aborts when the call is cancelled (client cancel, deadline, disconnect). */
  readonly signal: AbortSignal;
}

/**
 * Adapts an async function to grpc-js's server-streaming handler, as `unaryHandler` does for
 * unary ones. The stream ends with OK when `run` resolves; no exception escapes: a thrown error
 * ends it with its gRPC status through `StorageError.from`, and unexpected ones are logged.
 * After a cancel nothing more is written, and `run` should return once `signal` aborts.
 */
export function serverStreamHandler<Req, Res>(
  log: Logger,
  method: string,
  run: (
    request: Req,
    sink: ServerStreamSink<Res>,
    call: ServerWritableStream<Req, Res>,
  ) => Promise<void>,
) {
  return (call: ServerWritableStream<Req, Res>): void => {
    const signal = cancellationSignal(call);
    const sink: ServerStreamSink<Res> = {
      signal,
      async send(message) {
        if (signal.aborted) return;
        if (!call.write(message)) await once(call, "drain", { signal }).catch(() => {});
      },
    };
    Promise.resolve()
      .then(() => run(call.request, sink, call))
      .then(
        () => {
          if (!signal.aborted) call.end();
        },
        (error: unknown) => {
          const storageError = StorageError.from(error);
          if (!(error instanceof StorageError)) log.error({ err: error, method }, "handler failed");
          if (!signal.aborted) call.emit("error", storageError.toServiceError());
        },
      );
  };
}
