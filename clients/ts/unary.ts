import { type ServiceError, status } from "@grpc/grpc-js";
import { LnvmError } from "./lnvm-error.js";

/** Promisifies one grpc-js unary call; failures become `LnvmError`. */
export function unary<T>(
  call: (callback: (error: ServiceError | null, response?: T) => void) => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    call((error, response) => {
      if (error) reject(LnvmError.from(error));
      else if (response === undefined) reject(new LnvmError(status.INTERNAL, "empty response"));
      else resolve(response);
    });
  });
}
