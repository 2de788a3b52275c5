import { once } from "node:events";
import { createServer } from "node:net";

/**
 * A loopback TCP port that was free a moment ago (the OS picked it for a listener that is
 * closed again), for programs that must be told their port up front.
 */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
