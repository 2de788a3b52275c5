#!/usr/bin/env python3
"""Random 4 KiB reads through the lnvm Python client's session at a fixed queue depth.

    /usr/bin/python3 bench/python/session_read_qd.py ADDRESS DEVICE [--qd 64] [--seconds 3]
        [--warmup-seconds 0.5] [--read-nchunks 64]

Reads one sector at a random position of a random chunk among the first
``--read-nchunks`` chunks (numbered parallel-unit fastest; they must be
CLOSED for the data to be real). Each read is a future on the context's
session (Context.read); when one settles, its callback issues the next, so
``qd`` reads stay in flight and the session batches whatever queued while it
was sending. Latency runs from issue to the future settling. Prints one JSON
object: {"iops", "p50_us", "p99_us", "ncommands", "seconds", "errors",
"reattachments"}, counting only reads issued after the warm-up.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clients" / "python"))

import lnvm  # noqa: E402
from lnvm._stubs import command_pb2  # noqa: E402


def percentile_us(sorted_ns: list[int], fraction: float) -> float:
    """The ``fraction`` quantile of ``sorted_ns`` (nearest rank), in microseconds."""
    if not sorted_ns:
        return 0.0
    rank = min(len(sorted_ns) - 1, max(0, round(fraction * len(sorted_ns)) - 1))
    return sorted_ns[rank] / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("address")
    parser.add_argument("device")
    parser.add_argument("--qd", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--warmup-seconds", type=float, default=0.5)
    parser.add_argument("--read-nchunks", type=int, default=64)
    args = parser.parse_args()

    with lnvm.Client(args.address) as client:
        geo = client.device(args.device).geometry
        npu = geo.npugrp * geo.npunit
        ctx = client.init(args.device, depth=args.qd)

        lock = threading.Lock()
        drained = threading.Event()
        latencies_ns: list[int] = []
        state = {"in_flight": 0, "errors": 0}
        start = time.monotonic()
        measure_from = start + args.warmup_seconds
        deadline = measure_from + args.seconds

        def issue() -> None:
            k = random.randrange(args.read_nchunks)
            pu = k % npu
            sector = lnvm.Sector(pu // geo.npunit, pu % geo.npunit, k // npu, random.randrange(geo.nsectr))
            issued_ns = time.perf_counter_ns()
            measured = time.monotonic() >= measure_from
            ctx.read([sector]).add_done_callback(lambda f: settled(f, issued_ns, measured))

        def settled(future: Future[command_pb2.Completion], issued_ns: int, measured: bool) -> None:
            latency_ns = time.perf_counter_ns() - issued_ns
            failed = future.exception() is not None or future.result().status.code != 0
            again = time.monotonic() < deadline
            with lock:
                if measured:
                    latencies_ns.append(latency_ns)
                    state["errors"] += failed
                if not again:
                    state["in_flight"] -= 1
                    if state["in_flight"] == 0:
                        drained.set()
            if again:
                issue()

        with lock:
            state["in_flight"] = args.qd
        for _ in range(args.qd):
            issue()
        drained.wait()
        end = time.monotonic()
        reattachments = ctx.reattachments
        ctx.term()

    latencies_ns.sort()
    seconds = end - measure_from
    print(json.dumps({
        "iops": len(latencies_ns) / seconds,
        "p50_us": percentile_us(latencies_ns, 0.50),
        "p99_us": percentile_us(latencies_ns, 0.99),
        "ncommands": len(latencies_ns),
        "seconds": seconds,
        "errors": state["errors"],
        "reattachments": reattachments,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
