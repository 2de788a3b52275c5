"""The Python client's TLS and bearer-token options against a real lnvmd."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import unittest
from pathlib import Path

import grpc

import lnvm

from .lnvmd_server import DEVICE_NAME, REPO_ROOT, start_server

MAKE_TEST_CERTS = REPO_ROOT / "scripts" / "make-test-certs.sh"


def _temp_dir(test: unittest.TestCase) -> Path:
    workdir = tempfile.TemporaryDirectory(prefix="lnvmd-python-creds-")
    test.addCleanup(workdir.cleanup)
    return Path(workdir.name)


class TokenTest(unittest.TestCase):
    def setUp(self) -> None:
        tokens = _temp_dir(self) / "tokens"
        digest = hashlib.sha256(b"py-token").hexdigest()
        tokens.write_text(f"python-tenant sha256:{digest}\n")
        self.server = start_server(self, ["--token-file", str(tokens)])

    def test_a_client_with_the_token_is_served(self) -> None:
        with lnvm.Client(self.server.address, token="py-token") as client:
            self.assertEqual([d.name for d in client.devices()], [DEVICE_NAME])

    def test_a_session_write_carries_the_token(self) -> None:
        with lnvm.Client(self.server.address, token="py-token") as client:
            device = client.device(DEVICE_NAME)
            with client.init(DEVICE_NAME, depth=4) as ctx:
                sectors = [lnvm.Sector(0, 0, 0, s) for s in range(device.ws_min)]
                data = bytes(len(sectors) * device.geometry.nbytes)
                completion = ctx.write(sectors, data).result(timeout=30)
        self.assertEqual(completion.status.name, "SUCCESS")

    def test_a_client_without_a_token_is_unauthenticated(self) -> None:
        with lnvm.Client(self.server.address) as client:
            with self.assertRaises(lnvm.LnvmError) as raised:
                client.devices()
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAUTHENTICATED)
        self.assertEqual(raised.exception.reason, "UNAUTHENTICATED")


class MutualTlsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.certs = _temp_dir(self)
        subprocess.run(
            ["bash", str(MAKE_TEST_CERTS), str(self.certs), "py=spiffe://lnvm.test/python"],
            check=True,
        )
        self.server = start_server(
            self,
            [
                "--tls-cert", str(self.certs / "server.crt"),
                "--tls-key", str(self.certs / "server.key"),
                "--tls-client-ca", str(self.certs / "ca.crt"),
            ],
        )

    def test_a_client_certificate_from_the_trusted_ca_is_served(self) -> None:
        with lnvm.Client(
            self.server.address,
            tls_ca=(self.certs / "ca.crt").read_bytes(),
            tls_cert=(self.certs / "py.crt").read_bytes(),
            tls_key=(self.certs / "py.key").read_bytes(),
            tls_server_name="localhost",
        ) as client:
            context = client.init(DEVICE_NAME, depth=4)
            context.term()

    def test_a_client_without_a_certificate_cannot_connect(self) -> None:
        with lnvm.Client(
            self.server.address, tls_ca=(self.certs / "ca.crt").read_bytes(), tls_server_name="localhost"
        ) as client:
            with self.assertRaises(lnvm.LnvmError) as raised:
                client.devices()
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)
