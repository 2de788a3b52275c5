"""The session's hand-written wire bytes are exactly what the protobuf runtime writes."""

from __future__ import annotations

import random
import unittest

from lnvm._stubs import address_pb2
from lnvm._stubs import async_context_pb2 as ac
from lnvm._stubs import command_pb2
from lnvm.commands import Sector, read_command, write_command
from lnvm.session_wire import encode_commands_request, encode_read, encode_write

EDGES = [0, 1, 127, 128, 16383, 16384, 0xFFFF_FFFF]
TAG_EDGES = [0, 1, 300, 1 << 32, 1 << 63, (1 << 64) - 1]


def sectors(rng: random.Random, n: int) -> list[Sector]:
    return [Sector(*(rng.choice(EDGES) for _ in range(4))) for _ in range(n)]


class SessionWireTest(unittest.TestCase):
    def test_reads_and_writes_encode_as_the_builders_serialize(self) -> None:
        rng = random.Random(5)
        for _ in range(300):
            tag = rng.choice(TAG_EDGES)
            addrs = sectors(rng, rng.randrange(1, 65))
            with_meta = rng.random() < 0.5
            self.assertEqual(
                encode_read(tag, addrs, with_meta),
                read_command(addrs, tag=tag, with_meta=with_meta).SerializeToString(),
            )
            data = rng.randbytes(rng.choice([0, 1, 4096, 20000]))
            meta = rng.randbytes(rng.choice([0, 16]))
            self.assertEqual(
                encode_write(tag, addrs, data, meta),
                write_command(addrs, data, tag=tag, meta=meta).SerializeToString(),
            )

    def test_an_address_message_encodes_as_it_serializes(self) -> None:
        raw = address_pb2.Address(raw=(1 << 64) - 1)
        self.assertEqual(encode_read(7, [raw]), read_command([raw], tag=7).SerializeToString())

    def test_an_out_of_range_sector_field_is_refused_as_the_runtime_refuses_it(self) -> None:
        with self.assertRaises(ValueError):
            read_command([Sector(0, 0, 1 << 32, 0)])
        with self.assertRaises(ValueError):
            encode_read(1, [Sector(0, 0, 1 << 32, 0)])
        with self.assertRaises(ValueError):
            encode_read(1, [Sector(0, -1, 0, 0)])

    def test_requests_join_commands_and_the_acknowledgement_as_serialized(self) -> None:
        rng = random.Random(9)
        for _ in range(100):
            commands = [read_command(sectors(rng, 2), tag=rng.choice(TAG_EDGES)) for _ in range(rng.randrange(0, 9))]
            ack = rng.choice(TAG_EDGES)
            expected = ac.SessionRequest(commands=commands, ack_through=ack).SerializeToString()
            got = encode_commands_request([c.SerializeToString() for c in commands], ack)
            self.assertEqual(got, expected)
            self.assertEqual(list(ac.SessionRequest.FromString(got).commands), commands)


if __name__ == "__main__":
    unittest.main()
