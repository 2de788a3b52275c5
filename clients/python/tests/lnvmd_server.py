"""Runs the real lnvmd on a fresh device image and an ephemeral port, for one test."""

from __future__ import annotations

import json
import signal
import subprocess
import tempfile
import time
import unittest
from dataclasses import dataclass
from pathlib import Path

#: The repository root, where the server is started from.
REPO_ROOT = Path(__file__).resolve().parents[3]

#: A small geometry: 1 group × 2 parallel units × 4 chunks × 32 sectors.
GEOMETRY = "npugrp=1,npunit=2,nchunk=4,nsectr=32"

#: Name of the device the server exposes: its image file's basename.
DEVICE_NAME = "dev.img"

#: How long a cold start (tsx compiling, image creation) may take.
READY_TIMEOUT_S = 60.0

#: How often to look for the ready file while waiting.
READY_POLL_INTERVAL_S = 0.05

#: How long a graceful shutdown after SIGTERM may take.
STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class RunningServer:
    """A started lnvmd, as described by its ready file."""

    #: ``host:port`` the server listens on.
    address: str
    #: Names of the devices it exposes.
    devices: list[str]


def start_server(
    test: unittest.TestCase, extra_args: list[str] | None = None, device_name: str = DEVICE_NAME
) -> RunningServer:
    """Starts lnvmd in a new temporary directory and waits until it serves.

    ``extra_args`` are further server flags (e.g. ``--token-file PATH``);
    ``device_name`` is the image's file name, which names the device.

    Registers cleanups on ``test`` that stop the server with SIGTERM, wait
    for it to exit and remove the directory. Raises if the server exits or
    does not write its ready file within READY_TIMEOUT_S.
    """
    workdir = tempfile.TemporaryDirectory(prefix="lnvmd-python-")
    test.addCleanup(workdir.cleanup)
    root = Path(workdir.name)
    ready_file = root / "ready.json"
    log_path = root / "server.log"
    command = [
        "node", "--import", "tsx", "service/main.ts",
        "--listen", "127.0.0.1:0",
        "--image", str(root / device_name),
        "--geometry", GEOMETRY,
        "--ready-file", str(ready_file),
        *(extra_args or []),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    test.addCleanup(_stop, process, log_path)

    deadline = time.monotonic() + READY_TIMEOUT_S
    while not ready_file.exists():
        if process.poll() is not None:
            raise RuntimeError(
                f"lnvmd exited with status {process.returncode} before it was ready:\n"
                + _tail(log_path)
            )
        if time.monotonic() > deadline:
            raise RuntimeError(f"lnvmd wrote no {ready_file} within {READY_TIMEOUT_S} s:\n" + _tail(log_path))
        time.sleep(READY_POLL_INTERVAL_S)
    # The server writes the file elsewhere and renames it: it is complete once it exists.
    ready = json.loads(ready_file.read_text())
    return RunningServer(address=ready["address"], devices=list(ready["devices"]))


def _stop(process: subprocess.Popen[bytes], log_path: Path) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(
            f"lnvmd did not exit within {STOP_TIMEOUT_S} s of SIGTERM:\n" + _tail(log_path)
        ) from None


def _tail(log_path: Path, nlines: int = 40) -> str:
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-nlines:])
