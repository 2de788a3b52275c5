import { ServerInterceptingCall, type ServerInterceptor, status } from "@grpc/grpc-js";

const CODE_NAMES = new Map<number, string>(
  Object.entries(status)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([name, code]) => [code, name]),
);

/**
 * Counts completed gRPC calls by method and status code. Its `interceptor` sees each call's
 * final status; methods and codes are both closed sets, so the counts stay bounded.
 */
export class GrpcCallCounter {
  /** Count per method path ("/lightnvm.v1.AsyncContextService/Submit"), then per code. */
  readonly #counts = new Map<string, Map<number, number>>();

  /** A grpc-js server interceptor that counts every call's final status. */
  readonly interceptor: ServerInterceptor = (method, call) =>
    new ServerInterceptingCall(call, {
      sendStatus: (final, next) => {
        this.count(method.path, final.code);
        next(final);
      },
    });

  /** Counts one call of `path` that ended with `code`. */
  count(path: string, code: number): void {
    let byCode = this.#counts.get(path);
    if (!byCode) {
      byCode = new Map();
      this.#counts.set(path, byCode);
    }
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }

  /** Every count: method without the leading slash ("lightnvm.v1.DeviceService/ListDevices"). */
  list(): { method: string; code: string; count: number }[] {
    const rows: { method: string; code: string; count: number }[] = [];
    for (const [path, byCode] of this.#counts) {
      for (const [code, count] of byCode) {
        rows.push({
          method: path.replace(/^\//, ""),
          code: CODE_NAMES.get(code) ?? String(code),
          count,
        });
      }
    }
    return rows;
  }
}
