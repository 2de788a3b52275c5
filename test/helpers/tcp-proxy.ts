import { connect, createServer, type Socket } from "node:net";
import type { ExecutionContext } from "ava";

/** A loopback TCP proxy to `target` whose connections a test can cut, as a network would. */
export interface TcpProxy {
  readonly address: string;
  /** Destroys every proxied connection (both sides see a reset). */
  cutAll(): void;
  /** Connections accepted so far. */
  readonly accepted: number;
}

export async function startTcpProxy(t: ExecutionContext, target: string): Promise<TcpProxy> {
  const at = target.lastIndexOf(":");
  const host = target.slice(0, at);
  const port = Number(target.slice(at + 1));
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((downstream) => {
    accepted++;
    const upstream = connect(port, host);
    sockets.add(downstream).add(upstream);
    downstream.pipe(upstream).pipe(downstream);
    const drop = () => {
      downstream.destroy();
      upstream.destroy();
      sockets.delete(downstream);
      sockets.delete(upstream);
    };
    downstream.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    address: `127.0.0.1:${address.port}`,
    cutAll: () => {
      for (const socket of [...sockets]) socket.destroy();
    },
    get accepted() {
      return accepted;
    },
  };
}
