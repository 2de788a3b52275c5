/**
 * Whether a grpc-js listen address is reachable only from this machine: a unix socket
 * (`unix:PATH`, `unix-abstract:NAME`), `localhost`, an IPv4 address in 127.0.0.0/8 or `[::1]`.
 * Plain TCP is allowed there without `--insecure`; `0.0.0.0`, `[::]` and other hosts are not
 * loopback.
 */
export function isLoopbackAddress(listen: string): boolean {
  if (listen.startsWith("unix:") || listen.startsWith("unix-abstract:")) return true;
  const target = listen.startsWith("dns:")
    ? listen.slice("dns:".length).replace(/^\/\/\//, "")
    : listen;
  const colon = target.lastIndexOf(":");
  const host = (colon < 0 ? target : target.slice(0, colon)).toLowerCase();
  if (host === "localhost" || host === "[::1]" || host === "::1") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
