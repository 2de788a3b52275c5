"""Runs a single-member etcd (Debian's etcd-server) on loopback ports, for one test class."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

#: Where Debian's etcd-server package installs etcd (scripts/system-deps.sh installs it).
ETCD_BIN = "/usr/bin/etcd"

#: How long etcd may take to serve clients.
READY_TIMEOUT_S = 30.0

#: The log line etcd writes once it serves clients.
READY_LINE = "serving client traffic"


def _free_loopback_port() -> int:
    """A loopback TCP port that was free a moment ago (the OS picked it, the socket is closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_etcd(test: unittest.TestCase) -> str:
    """Starts etcd with a temporary data dir and returns its client endpoint (``http://...``).

    Registers cleanups on ``test`` that kill it and remove the directory.
    Raises if etcd exits, or does not serve within READY_TIMEOUT_S.
    """
    workdir = tempfile.TemporaryDirectory(prefix="lnvmd-python-etcd-")
    test.addCleanup(workdir.cleanup)
    endpoint = f"http://127.0.0.1:{_free_loopback_port()}"
    peer = f"http://127.0.0.1:{_free_loopback_port()}"
    process = subprocess.Popen(
        [
            ETCD_BIN,
            "--name=test",
            f"--data-dir={Path(workdir.name) / 'data'}",
            f"--listen-client-urls={endpoint}",
            f"--advertise-client-urls={endpoint}",
            f"--listen-peer-urls={peer}",
            f"--initial-advertise-peer-urls={peer}",
            f"--initial-cluster=test={peer}",
            "--logger=zap",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    test.addCleanup(_stop, process)
    ready = threading.Event()
    log: list[str] = []

    def follow() -> None:
        # Reads etcd's log to the end, so its pipe never fills.
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            if READY_LINE in line:
                ready.set()

    threading.Thread(target=follow, daemon=True).start()
    if not ready.wait(READY_TIMEOUT_S):
        raise RuntimeError(f"etcd did not serve within {READY_TIMEOUT_S} s:\n" + "".join(log[-10:]))
    return endpoint


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait()
    if process.stderr is not None:
        process.stderr.close()
