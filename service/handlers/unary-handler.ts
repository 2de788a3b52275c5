import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import type { Logger } from "pino";
import { StorageError } from "../errors.js";

/**
 * Adapts an async function to grpc-js's unary handler. No exception escapes: a thrown error
 * becomes its gRPC status through `StorageError.from`; unexpected ones are logged.
 */
export function unaryHandler<Req, Res>(
  log: Logger,
  method: string,
  run: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    Promise.resolve()
      .then(() => run(call.request, call))
      .then(
        (response) => callback(null, response),
        (error: unknown) => {
          const storageError = StorageError.from(error);
          if (!(error instanceof StorageError)) log.error({ err: error, method }, "handler failed");
          callback(storageError.toServiceError());
        },
      );
  };
}

/** An AbortSignal that fires when the call is cancelled (client cancel, deadline, disconnect). */
export function cancellationSignal(call: {
  readonly cancelled: boolean;
  on(event: "cancelled", fn: () => void): unknown;
}) {
  const controller = new AbortController();
  if (call.cancelled) controller.abort();
  else call.on("cancelled", () => controller.abort());
  return controller.signal;
}
