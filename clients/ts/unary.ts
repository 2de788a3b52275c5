import type { CallOptions, ServiceError } from "@grpc/grpc-js";
import { status } from "@grpc/grpc-js";
import { LnvmError } from "./lnvm-error.js";

/** Per-call limits every client call takes. */
export interface CallLimits {
  /** Deadline of the call, ms from now; the client's documented default when unset. */
  readonly timeoutMs?: number;
  /** Cancels the call (it rejects with CANCELLED). */
  readonly signal?: AbortSignal;
}

/** grpc-js options of a call with `limits`, `defaultTimeoutMs` when it states none. */
export function callOptions(limits: CallLimits, defaultTimeoutMs: number): Partial<CallOptions> {
  const timeoutMs = limits.timeoutMs ?? defaultTimeoutMs;
  return Number.isFinite(timeoutMs) ? { deadline: Date.now() + timeoutMs } : {};
}

/**
 * Promisifies one grpc-js unary call; failures become `LnvmError`. `signal` cancels the call.
 */
export function unary<T>(
  call: (
    callback: (error: ServiceError | null, response?: T) => void,
  ) => { cancel(): void } | unknown,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LnvmError(status.CANCELLED, "call aborted before it started"));
      return;
    }
    const surface = call((error, response) => {
      signal?.removeEventListener("abort", abort);
      if (error) reject(LnvmError.from(error));
      else if (response === undefined) reject(new LnvmError(status.INTERNAL, "empty response"));
      else resolve(response);
    }) as { cancel?: () => void } | undefined;
    const abort = () => surface?.cancel?.();
    signal?.addEventListener("abort", abort, { once: true });
  });
}
