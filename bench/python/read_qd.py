#!/usr/bin/env python3
"""Random 4 KiB reads through the lnvm Python client at a fixed queue depth.

    /usr/bin/python3 bench/python/read_qd.py ADDRESS DEVICE [--qd 32] [--seconds 3]
        [--read-nchunks 64]

Reads one sector at a random position of a random chunk among the first
``--read-nchunks`` chunks (numbered parallel-unit fastest; they must be
CLOSED). A reader thread consumes the context's completion stream; the main
thread submits, in one Submit, as many new reads as completions arrived
since its last Submit, so ``qd`` reads stay in flight. Prints one JSON
object: {"iops", "ncommands", "seconds", "errors", "submits"}.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

import lnvm  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("address")
    parser.add_argument("device")
    parser.add_argument("--qd", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--warmup-seconds", type=float, default=0.5)
    parser.add_argument("--read-nchunks", type=int, default=64)
    args = parser.parse_args()

    with lnvm.Client(args.address) as client:
        device = client.device(args.device)
        geo = device.geometry
        npu = geo.npugrp * geo.npunit

        def random_read() -> object:
            k = random.randrange(args.read_nchunks)
            pu = k % npu
            sector = lnvm.Sector(pu // geo.npunit, pu % geo.npunit, k // npu, random.randrange(geo.nsectr))
            return lnvm.read_command([sector])

        ctx = client.init(args.device, depth=args.qd)
        lock = threading.Condition()
        state = {"received": 0, "errors": 0, "ready": 0}

        def reader() -> None:
            for completion in ctx.completions():
                with lock:
                    state["received"] += 1
                    state["ready"] += 1
                    if completion.status.code != 0:
                        state["errors"] += 1
                    lock.notify()

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        issued = 0
        submits = 0
        ctx.submit([random_read() for _ in range(args.qd)])
        issued += args.qd
        start = time.monotonic()
        measure_from = start + args.warmup_seconds
        deadline = measure_from + args.seconds
        received_at_start = None
        while True:
            with lock:
                while state["ready"] == 0:
                    lock.wait()
                n = state["ready"]
                state["ready"] = 0
                now = time.monotonic()
                if received_at_start is None and now >= measure_from:
                    received_at_start = state["received"]
                    measure_from = now
            if now >= deadline:
                break
            ctx.submit([random_read() for _ in range(n)])
            issued += n
            submits += 1
        with lock:
            while state["received"] < issued:
                lock.wait()
            end = time.monotonic()
            received = state["received"] - (received_at_start or 0)
        ctx.term()
        thread.join(timeout=5)
    seconds = end - measure_from
    print(json.dumps({
        "iops": received / seconds,
        "ncommands": received,
        "seconds": seconds,
        "errors": state["errors"],
        "submits": submits,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
