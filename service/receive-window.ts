import type { Http2Server, Http2Session } from "node:http2";
import type { Server } from "@grpc/grpc-js";
import type { Logger } from "pino";

/**
 * Grows the HTTP/2 receive windows of every connection the gRPC server accepts to `nbytes`,
 * per stream and per connection. Node's defaults (64 KiB each) let a client send 64 KiB per
 * round trip on a connection: under load a 4 MiB Submit then took longer than a 10 s deadline
 * to arrive (the fuzz suite's receive-limit floods showed it). With a window of the receive
 * limit, one largest legitimate request is in flight per round trip. grpc-js offers no server
 * option for it, so this reaches its listening servers (`http2Servers`, present in 1.14); if
 * that field is missing it logs a warning and leaves the windows alone. Call after `bindAsync`.
 */
export function growReceiveWindows(server: Server, nbytes: number, log: Logger): void {
  const listeners = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(listeners instanceof Map)) {
    log.warn("grpc-js internals changed: cannot grow the HTTP/2 receive windows");
    return;
  }
  for (const listener of listeners.keys() as IterableIterator<Http2Server>) {
    listener.on("session", (session: Http2Session) => {
      try {
        session.settings({ initialWindowSize: nbytes });
        session.setLocalWindowSize(nbytes);
      } catch (error) {
        log.warn({ err: error }, "could not grow an HTTP/2 receive window");
      }
    });
  }
}
