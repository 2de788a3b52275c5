import test from "ava";
import { ConfigError, loadConfig } from "../../../service/config.js";

test("plaintext on an address beyond loopback is refused without --insecure", (t) => {
  for (const listen of ["0.0.0.0:50051", "[::]:50051", "10.1.2.3:50051", "storage.example:1"]) {
    const error = t.throws(() => loadConfig(["--listen", listen], {}), { instanceOf: ConfigError });
    t.regex(
      error?.message ?? "",
      /is not a loopback address: serve TLS .* or allow plaintext with --insecure/,
    );
  }
});

test("plaintext on loopback and unix sockets needs no flag", (t) => {
  for (const listen of [
    "127.0.0.1:0",
    "127.8.9.10:1",
    "localhost:50051",
    "[::1]:50051",
    "unix:/tmp/lnvmd.sock",
  ]) {
    t.is(loadConfig(["--listen", listen], {})?.tls, undefined, listen);
  }
});

test("--insecure or LNVMD_INSECURE=1 allows plaintext beyond loopback", (t) => {
  t.true(loadConfig(["--listen", "0.0.0.0:50051", "--insecure"], {})?.insecure);
  t.true(loadConfig(["--listen", "0.0.0.0:50051"], { LNVMD_INSECURE: "1" })?.insecure);
});

test("TLS on an address beyond loopback needs no --insecure", (t) => {
  const config = loadConfig(
    ["--listen", "0.0.0.0:0", "--tls-cert", "s.crt", "--tls-key", "s.key"],
    {},
  );
  t.deepEqual(config?.tls, { certFile: "s.crt", keyFile: "s.key", clientCaFile: undefined });
});

test("a certificate without its key, a key without its certificate, or a client CA without both is a configuration error", (t) => {
  t.throws(() => loadConfig(["--tls-cert", "s.crt"], {}), {
    message: "--tls-cert needs --tls-key",
  });
  t.throws(() => loadConfig(["--tls-key", "s.key"], {}), { message: "--tls-key needs --tls-cert" });
  t.throws(() => loadConfig(["--tls-client-ca", "ca.crt"], {}), {
    message: "--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS)",
  });
});
