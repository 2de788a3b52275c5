import {
  ServerInterceptingCall,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
  ServerListenerBuilder,
} from "@grpc/grpc-js";
import { invalidRequest } from "../errors.js";
import { RejectedRequest } from "./rejected-request.js";

/**
 * A server interceptor that answers a request message a guarded deserializer refused
 * (`RejectedRequest`) with INVALID_ARGUMENT: ErrorInfo INVALID_REQUEST and a BadRequest naming
 * the field and the limit. The message never reaches the handler; on a streaming call the
 * status ends the call. Other messages pass unchanged.
 */
export const rejectInvalidRequests: ServerInterceptor = (_method, call) =>
  new ServerInterceptingCall(call, {
    start: (next) =>
      next(
        new ServerListenerBuilder()
          .withOnReceiveMessage((message: unknown, pass: (message: unknown) => void) => {
            if (message instanceof RejectedRequest) reject(call, message);
            else pass(message);
          })
          .build(),
      ),
  });

function reject(call: ServerInterceptingCallInterface, rejected: RejectedRequest): void {
  const error = invalidRequest([rejected.violation]);
  call.sendStatus({
    code: error.code,
    details: error.message,
    metadata: error.toServiceError().metadata ?? null,
  });
}
