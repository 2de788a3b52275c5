import test from "ava";
import { ConfigError, DEFAULT_GEOMETRY, loadConfig, parseGeometry } from "../../service/config.js";

test("defaults apply when neither flags nor environment say otherwise", (t) => {
  const config = loadConfig([], {});
  t.like(config, {
    listen: "127.0.0.1:50051",
    devices: [],
    image: "data/lnvmd.img",
    defaultDepth: 64,
    maxDepth: 4096,
    leaseMs: 300_000,
  });
  t.deepEqual(config?.geometry, parseGeometry(DEFAULT_GEOMETRY));
});

test("environment variables configure the server and flags win over them", (t) => {
  const env = {
    LNVMD_LISTEN: "0.0.0.0:7000",
    LNVMD_INSECURE: "1",
    LNVMD_DEVICES: "a.img,b.img",
    LNVMD_LEASE_MS: "5",
  };
  t.like(loadConfig([], env), { listen: "0.0.0.0:7000", devices: ["a.img", "b.img"], leaseMs: 5 });
  t.like(loadConfig(["--listen", "127.0.0.1:1", "--device", "c.img"], env), {
    listen: "127.0.0.1:1",
    devices: ["c.img"],
  });
});

test("--durable or LNVMD_DURABLE=1 asks for a durable default image; other values are rejected", (t) => {
  t.is(loadConfig([], {})?.durable, false);
  t.is(loadConfig(["--durable"], {})?.durable, true);
  t.is(loadConfig([], { LNVMD_DURABLE: "1" })?.durable, true);
  t.is(loadConfig([], { LNVMD_DURABLE: "0" })?.durable, false);
  t.throws(() => loadConfig([], { LNVMD_DURABLE: "yes" }), {
    instanceOf: ConfigError,
    message: /LNVMD_DURABLE: expected 1 or 0, got "yes"/,
  });
});

test("--help asks for the usage text", (t) => {
  t.is(loadConfig(["--help"], {}), undefined);
});

test("a bad value is rejected with a message naming the flag", (t) => {
  t.throws(() => loadConfig(["--max-depth", "lots"], {}), {
    instanceOf: ConfigError,
    message: /--max-depth: expected a whole number, got "lots"/,
  });
  t.throws(() => loadConfig(["--geometry", "npugrp=2,colour=blue"], {}), {
    instanceOf: ConfigError,
    message: /--geometry: unknown key "colour"/,
  });
  t.throws(() => loadConfig(["--default-depth", "128", "--max-depth", "64"], {}), {
    message: /--default-depth 128 exceeds --max-depth 64/,
  });
  t.throws(() => loadConfig(["--no-such-flag"], {}), { message: /--no-such-flag/ });
});

test("limits that cannot work together are rejected at start", (t) => {
  t.throws(() => loadConfig(["--max-depth", "70000"], {}), {
    instanceOf: ConfigError,
    message: /--max-depth: must be 1 to 65536, got 70000/,
  });
  t.throws(() => loadConfig(["--max-message-bytes", "65536"], {}), {
    instanceOf: ConfigError,
    message: /--max-command-bytes 262144 does not fit --max-message-bytes 65536/,
  });
});

test("cluster flags: endpoints split on commas, and a wildcard listen address needs --advertise", (t) => {
  t.like(loadConfig(["--etcd", "http://a:2379,http://b:2379", "--etcd-lease-ttl-s", "3"], {}), {
    etcd: ["http://a:2379", "http://b:2379"],
    etcdPrefix: "/lnvmd/",
    etcdLeaseTtlS: 3,
    advertise: undefined,
  });
  t.like(loadConfig([], {}), { etcd: [], metricsListen: undefined });
  // Plaintext beyond loopback needs --insecure first (see transport/plaintext-listen.test.ts).
  t.throws(
    () => loadConfig(["--etcd", "http://a:2379", "--listen", "0.0.0.0:50051", "--insecure"], {}),
    {
      instanceOf: ConfigError,
      message: /--etcd with --listen 0\.0\.0\.0:50051 needs --advertise HOST:PORT/,
    },
  );
  t.throws(() => loadConfig(["--etcd", "http://a:2379", "--listen", "unix:/run/lnvmd.sock"], {}), {
    message: /needs --advertise HOST:PORT: other machines cannot reach a Unix socket/,
  });
  t.like(
    loadConfig(
      [
        "--etcd",
        "http://a:2379",
        "--listen",
        "0.0.0.0:50051",
        "--advertise",
        "node1:50051",
        "--insecure",
      ],
      {},
    ),
    { advertise: "node1:50051" },
  );
  t.throws(() => loadConfig(["--advertise", "node1"], {}), {
    message: /--advertise: expected HOST:PORT, got "node1"/,
  });
  t.throws(() => loadConfig(["--etcd-lease-ttl-s", "0"], {}), {
    message: /--etcd-lease-ttl-s: must be at least 1, got 0/,
  });
});

test("the receive limit defaults to a 4 MiB batch plus one command's data, capped by the message limit", (t) => {
  t.like(loadConfig([], {}), {
    maxRequestBytes: 4 * 1024 * 1024 + 256 * 1024,
    maxConcurrentStreams: 100,
  });
  t.like(loadConfig(["--max-message-bytes", "65536", "--max-command-bytes", "32768"], {}), {
    maxRequestBytes: 65536,
  });
  t.throws(() => loadConfig(["--max-request-bytes", "4096"], {}), {
    instanceOf: ConfigError,
    message: /--max-command-bytes 262144 does not fit --max-request-bytes 4096/,
  });
});
