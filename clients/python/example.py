#!/usr/bin/env python3
"""Writes a few free chunks through an lnvmd async context and reads them back.

    /usr/bin/python3 clients/python/example.py 127.0.0.1:PORT [--device NAME]

One write per chunk covers its start, then one read per chunk reads the
sectors back, and the data is compared. Each command returns a future that
settles with its completion; the commands travel on the context's session.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from dataclasses import dataclass

import lnvm
from lnvm._stubs import command_pb2, device_pb2

@dataclass
class RoundTrip:
    """What round_trip wrote and read, per chunk (group, punit, chunk)."""

    #: Sectors written at the start of each chunk, one write command each.
    sectors_written: int
    #: Sectors read back: those the OCSSD rules let a reader see.
    sectors_read: int
    #: The data written to the sectors read back.
    expected: dict[tuple[int, int, int], bytes]
    #: The data the reads returned.
    actual: dict[tuple[int, int, int], bytes]


def sectors_per_write(device: device_pb2.Device) -> int:
    """The most sectors one write may cover from a free chunk's start: a multiple of ws_min."""
    limit = min(
        device.geometry.nsectr,
        max(1, device.max_addresses_per_command),
        device.max_command_bytes // device.geometry.nbytes,
    )
    return limit - limit % device.ws_min


def readable_sectors(device: device_pb2.Device, written: int) -> int:
    """How many of the first ``written`` sectors of a chunk a read may see.

    A written sector is readable once mw_cunits further sectors of its chunk
    are written, or once the chunk is full (closed).
    """
    if written == device.geometry.nsectr:
        return written
    return max(0, written - device.mw_cunits)


def check(completion: command_pb2.Completion) -> command_pb2.Completion:
    """Returns the completion if the device reported success, else raises."""
    if completion.status.code != 0:
        opcode = command_pb2.Opcode.Name(completion.opcode)
        raise RuntimeError(
            f"{opcode} tag {completion.tag} failed: {completion.status.name} "
            f"(0x{completion.status.code:03x}), result {completion.result:#x}"
        )
    return completion


def round_trip(client: lnvm.Client, device_name: str, nchunks: int = 4, seed: int = 0) -> RoundTrip:
    """Writes the start of ``nchunks`` free chunks of the device, reads it back, returns both."""
    device = client.device(device_name)
    nbytes = device.geometry.nbytes
    chunks = [
        (c.group, c.punit, c.chunk)
        for c in itertools.islice(client.chunks(device_name, [device_pb2.CHUNK_STATE_FREE]), nchunks)
    ]
    written = sectors_per_write(device)
    readable = readable_sectors(device, written)
    if not chunks or readable == 0:
        raise RuntimeError(f"{device_name}: no free chunk, or a write too small to read back")

    # A write starts at sector 0, a free chunk's write pointer.
    rng = random.Random(seed)
    data = [rng.randbytes(written * nbytes) for _ in chunks]
    actual: dict[tuple[int, int, int], bytes] = {}
    with client.init(device_name, depth=len(chunks)) as ctx:
        writes = [
            ctx.write([lnvm.Sector(*chunk, s) for s in range(written)], data[i])
            for i, chunk in enumerate(chunks)
        ]
        for write in writes:
            check(write.result())
        reads = {
            chunk: ctx.read([lnvm.Sector(*chunk, s) for s in range(readable)]) for chunk in chunks
        }
        for chunk, read in reads.items():
            actual[chunk] = check(read.result()).data

    expected = {chunk: data[i][: readable * nbytes] for i, chunk in enumerate(chunks)}
    return RoundTrip(written, readable, expected, actual)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", help="lnvmd address, host:port")
    parser.add_argument("--device", help="device name (default: the first device)")
    args = parser.parse_args()

    with lnvm.Client(args.target) as client:
        device_name = args.device or client.devices()[0].name
        result = round_trip(client, device_name)
    for chunk, expected in result.expected.items():
        same = result.actual.get(chunk) == expected
        print(f"chunk {chunk}: wrote {result.sectors_written} sectors, "
              f"read back {result.sectors_read}: {'same' if same else 'DIFFERENT'}")
    return 0 if result.actual == result.expected else 1


if __name__ == "__main__":
    sys.exit(main())
