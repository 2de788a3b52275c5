"""Per-command futures over a Session, against a real lnvmd: data, pipelining, limits, faults."""

from __future__ import annotations

import random
import time
import unittest
from collections.abc import Callable, Iterator
from concurrent.futures import Future

import grpc

import lnvm
from lnvm._stubs import command_pb2, device_pb2

from .lnvmd_server import DEVICE_NAME, start_server
from .tcp_proxy import TcpProxy

#: Status code of a successful command.
SUCCESS = 0

#: How long the server may take to complete a few commands, and how often to look.
SETTLE_TIMEOUT_S = 30.0
SETTLE_POLL_INTERVAL_S = 0.01


def statuses(futures: list[Future[command_pb2.Completion]]) -> list[str]:
    """Each future's completion status name, in order (waiting for each)."""
    return [f.result().status.name or str(f.result().status.code) for f in futures]


class SessionCalls(grpc.StreamStreamClientInterceptor):
    """Records every stream-stream call made through the channel it intercepts."""

    def __init__(self) -> None:
        self.calls: list[grpc.Call] = []

    def intercept_stream_stream(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Iterator[object]], grpc.Call],
        client_call_details: grpc.ClientCallDetails,
        request_iterator: Iterator[object],
    ) -> grpc.Call:
        call = continuation(client_call_details, request_iterator)
        self.calls.append(call)
        return call


class SessionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = start_server(self)
        self.client = self.connect(self.server.address)
        self.device = self.client.device(DEVICE_NAME)
        self.geometry = self.device.geometry
        self.rng = random.Random(7)

    def connect(self, address: str, **options: int) -> lnvm.Client:
        client = lnvm.Client(address, **options)
        self.addCleanup(client.close)
        return client

    def chunk_sectors(self, chunk: tuple[int, int, int], start: int, count: int) -> list[lnvm.Sector]:
        return [lnvm.Sector(*chunk, s) for s in range(start, start + count)]

    def write_pointers(self) -> dict[tuple[int, int, int], int]:
        return {(c.group, c.punit, c.chunk): c.write_pointer for c in self.client.chunks(DEVICE_NAME)}

    def fill_chunk(
        self, ctx: lnvm.Context, chunk: tuple[int, int, int]
    ) -> tuple[bytes, list[Future[command_pb2.Completion]]]:
        """Issues ws_min-sector writes covering ``chunk``; returns the data and the writes' futures."""
        ws_min, nbytes = self.device.ws_min, self.geometry.nbytes
        data = self.rng.randbytes(self.geometry.nsectr * nbytes)
        writes = [
            ctx.write(self.chunk_sectors(chunk, s, ws_min), data[s * nbytes : (s + ws_min) * nbytes])
            for s in range(0, self.geometry.nsectr, ws_min)
        ]
        return data, writes

    def test_data_written_over_a_session_reads_back_the_same(self) -> None:
        chunk = (0, 0, 0)
        with self.client.init(DEVICE_NAME, depth=8) as ctx:
            data, writes = self.fill_chunk(ctx, chunk)
            self.assertEqual(set(statuses(writes)), {"SUCCESS"})
            read = ctx.read(self.chunk_sectors(chunk, 0, self.geometry.nsectr)).result()

        self.assertEqual(read.status.code, SUCCESS)
        self.assertEqual(read.opcode, command_pb2.OPCODE_READ)
        self.assertEqual(read.data, data)

    def test_pipelined_writes_to_one_chunk_over_many_batches_all_succeed_in_order(self) -> None:
        # A depth of 2 lets at most 2 writes be in flight: the chunk's writes go out in many
        # messages, each sent before the previous one's writes completed.
        chunk = (0, 1, 2)
        with self.client.init(DEVICE_NAME, depth=2) as ctx:
            _, writes = self.fill_chunk(ctx, chunk)
            self.assertGreater(len(writes), 2)
            self.assertEqual(statuses(writes), ["SUCCESS"] * len(writes), "no OUT_OF_ORDER_WRITE (0x2F2)")

        self.assertEqual(self.write_pointers()[chunk], self.geometry.nsectr)
        states = {(c.group, c.punit, c.chunk): c.state for c in self.client.chunks(DEVICE_NAME)}
        self.assertEqual(states[chunk], device_pb2.CHUNK_STATE_CLOSED)

    def test_reads_of_many_times_the_receive_limit_all_arrive_with_their_data(self) -> None:
        chunks = [(0, 0, 1), (0, 1, 1)]
        with self.client.init(DEVICE_NAME, depth=16) as ctx:
            written = {}
            for chunk in chunks:
                written[chunk], writes = self.fill_chunk(ctx, chunk)
                self.assertEqual(set(statuses(writes)), {"SUCCESS"})
        # The server accepts a limit that fits one completion of its largest command.
        receive_limit = 2 * self.device.max_command_bytes
        nsectors = self.geometry.nsectr
        reads = [chunk for _ in range(16) for chunk in chunks]
        self.assertGreaterEqual(len(reads) * nsectors * self.geometry.nbytes, 8 * receive_limit)

        # A client that accepts no message above the limit: a larger one would fail the session.
        small = self.connect(self.server.address, max_receive_message_bytes=receive_limit)
        with small.init(DEVICE_NAME, depth=len(reads)) as ctx:
            futures = ctx.issue(lnvm.read_command(self.chunk_sectors(c, 0, nsectors)) for c in reads)
            completions = [f.result() for f in futures]
            self.assertEqual(ctx.reattachments, 0)

        for chunk, completion in zip(reads, completions):
            self.assertEqual(completion.status.code, SUCCESS)
            self.assertEqual(completion.data, written[chunk], f"data of chunk {chunk}")

    def test_a_refused_command_fails_with_the_later_ones_and_the_session_goes_on(self) -> None:
        chunk = (0, 0, 3)
        ws_min, nbytes = self.device.ws_min, self.geometry.nbytes
        with self.client.init(DEVICE_NAME, depth=4) as ctx:
            first = ctx.write(self.chunk_sectors(chunk, 0, ws_min), bytes(ws_min * nbytes)).result()
            # Queued together: the good write behind the malformed one cannot go out first.
            malformed, behind = ctx.issue([
                lnvm.write_command(self.chunk_sectors(chunk, ws_min, ws_min), bytes(nbytes)),
                lnvm.write_command(self.chunk_sectors(chunk, ws_min, ws_min), bytes(ws_min * nbytes)),
            ])
            with self.assertRaises(lnvm.LnvmError) as refused:
                malformed.result()
            with self.assertRaises(lnvm.LnvmError) as refused_behind:
                behind.result()
            after = ctx.write(self.chunk_sectors(chunk, ws_min, ws_min), bytes(ws_min * nbytes)).result()

        self.assertEqual(first.status.code, SUCCESS)
        for caught in (refused, refused_behind):
            self.assertEqual(caught.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
            self.assertEqual(caught.exception.reason, "INVALID_REQUEST")
            self.assertIn("commands[0].write.data", [v.field for v in caught.exception.field_violations])
        self.assertEqual(after.status.code, SUCCESS)
        self.assertEqual(self.write_pointers()[chunk], 2 * ws_min)

    def wait_until_held(self, context_id: str, nunacknowledged: int) -> None:
        """Waits until the context has nothing outstanding or pending and ``nunacknowledged``
        completions delivered and not acknowledged."""
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while True:
            info = self.client.context(context_id).info()
            if info.outstanding == 0 and info.pending == 0 and info.unacknowledged == nunacknowledged:
                return
            if time.monotonic() > deadline:
                self.fail(f"context {context_id} never held {nunacknowledged} completions: {info}")
            time.sleep(SETTLE_POLL_INTERVAL_S)

    def test_completions_lost_with_the_connection_are_replayed_to_their_futures(self) -> None:
        proxy = TcpProxy(self, self.server.address)
        proxied = self.connect(proxy.address)
        chunk = (0, 1, 3)
        nbytes = self.geometry.nbytes
        with proxied.init(DEVICE_NAME, depth=8) as ctx:
            data, writes = self.fill_chunk(ctx, chunk)
            self.assertEqual(set(statuses(writes)), {"SUCCESS"})
            # The reads reach the server and complete; their completions never reach the client.
            proxy.hold_responses()
            starts = [3, 17, 0, 31]
            reads = [ctx.read(self.chunk_sectors(chunk, s, 1)) for s in starts]
            self.wait_until_held(ctx.id, len(reads))
            self.assertFalse(any(f.done() for f in reads))
            proxy.sever()
            completions = [f.result() for f in reads]
            self.assertGreaterEqual(ctx.reattachments, 1)
            submitted = ctx.info().submitted

        self.assertEqual(submitted, len(writes) + len(reads), "nothing was sent twice")
        for start, completion in zip(starts, completions):
            self.assertEqual(completion.status.code, SUCCESS)
            expected = data[start * nbytes : (start + 1) * nbytes]
            self.assertEqual(completion.data, expected, f"sector {start}")

    def test_futures_settle_from_real_completions_after_the_connection_is_cut_mid_flight(self) -> None:
        proxy = TcpProxy(self, self.server.address)
        proxied = self.connect(proxy.address)
        chunks = [(0, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 1)]
        with proxied.init(DEVICE_NAME, depth=4) as ctx:
            # With a depth of 4 most writes are still queued when the first one completes:
            # the cut comes while commands are in flight and more wait behind them.
            data: dict[tuple[int, int, int], bytes] = {}
            writes: list[Future[command_pb2.Completion]] = []
            for chunk in chunks:
                data[chunk], chunk_writes = self.fill_chunk(ctx, chunk)
                writes += chunk_writes
            severed = []
            writes[0].add_done_callback(lambda _: severed.append(proxy.sever()))
            self.assertEqual(statuses(writes), ["SUCCESS"] * len(writes), "each write ran once, in order")
            reads = [ctx.read(self.chunk_sectors(chunk, 0, self.geometry.nsectr)) for chunk in chunks]
            read_data = [f.result().data for f in reads]
            self.assertGreaterEqual(ctx.reattachments, 1)
            submitted = ctx.info().submitted

        self.assertEqual(submitted, len(writes) + len(reads), "nothing was sent twice")

        self.assertEqual(len(severed), 1)
        self.assertGreaterEqual(severed[0], 1, "the session's connection was open when cut")
        self.assertGreaterEqual(proxy.naccepted, 2, "the client connected again")
        self.assertEqual(read_data, [data[chunk] for chunk in chunks])
        pointers = self.write_pointers()
        self.assertEqual([pointers[c] for c in chunks], [self.geometry.nsectr] * len(chunks))

    def test_futures_settle_after_the_session_call_is_cancelled_by_someone_else(self) -> None:
        sessions = SessionCalls()
        channel = grpc.intercept_channel(grpc.insecure_channel(self.server.address), sessions)
        client = lnvm.Client(self.server.address, channel=channel)
        self.addCleanup(client.close)
        chunks = [(0, 0, 2), (0, 1, 2)]
        with client.init(DEVICE_NAME, depth=4) as ctx:
            writes: list[Future[command_pb2.Completion]] = []
            for chunk in chunks:
                writes += self.fill_chunk(ctx, chunk)[1]
            # The call, not the session, is cancelled: to the session that is a broken stream.
            writes[0].add_done_callback(lambda _: sessions.calls[0].cancel())
            self.assertEqual(statuses(writes), ["SUCCESS"] * len(writes))
            self.assertGreaterEqual(ctx.reattachments, 1)
            submitted = ctx.info().submitted

        self.assertGreaterEqual(len(sessions.calls), 2)
        self.assertEqual(submitted, len(writes), "nothing was sent twice")
        pointers = self.write_pointers()
        self.assertEqual([pointers[c] for c in chunks], [self.geometry.nsectr] * len(chunks))

    def test_closing_the_client_fails_the_futures_whose_completions_can_no_longer_arrive(self) -> None:
        proxy = TcpProxy(self, self.server.address)
        proxied = lnvm.Client(proxy.address)
        ctx = proxied.init(DEVICE_NAME, depth=4)
        self.assertEqual(ctx.read(self.chunk_sectors((0, 0, 0), 0, 1)).result().status.code, SUCCESS)
        proxy.hold_responses()
        read = ctx.read(self.chunk_sectors((0, 0, 0), 1, 1))
        self.wait_until_held(ctx.id, 1)
        proxied.close()

        with self.assertRaises(lnvm.LnvmError) as caught:
            read.result(timeout=SETTLE_TIMEOUT_S)
        self.assertEqual(caught.exception.code, grpc.StatusCode.CANCELLED)
        self.assertIn("its completion is lost", caught.exception.message)
        self.assertEqual(ctx.reattachments, 0)
        info = self.client.context(ctx.id).info()
        self.assertEqual(info.pending + info.unacknowledged, 1, "the server still holds the completion")


if __name__ == "__main__":
    unittest.main()
