"""Client and Context: lnvmd's DeviceService, AsyncContextService, StatsService and
ClusterService, from threads."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from typing import Any

import grpc
from google.protobuf import duration_pb2

from ._stubs import async_context_pb2 as ac
from ._stubs import async_context_pb2_grpc, command_pb2, device_pb2, device_pb2_grpc
from ._stubs import cluster_pb2, cluster_pb2_grpc, stats_pb2, stats_pb2_grpc
from .commands import AddressLike, copy_command, erase_command
from .connection import open_channel
from .errors import raising_lnvm_errors
from .io_session import IoSession, SessionCommand
from .session_wire import encode_read, encode_write, serialize_session_request

#: The Session RPC's method path, from the service's descriptor.
_SESSION = ac.DESCRIPTOR.services_by_name["AsyncContextService"].methods_by_name["Session"]
SESSION_METHOD = f"/{_SESSION.containing_service.full_name}/{_SESSION.name}"

#: grpcio's default receive limit, bytes: what a Client's channel accepts unless told otherwise.
DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024

#: Tags a Context assigns to its own (future-style) commands start here; tags below are the
#: caller's, for submit().
SESSION_TAG_BASE = 1 << 63


class Client:
    """A connection to one lnvmd server.

    Every method raises LnvmError when the call fails. Use it as a context
    manager, or call close(), to release the channel.
    """

    def __init__(
        self,
        target: str,
        *,
        channel: grpc.Channel | None = None,
        max_receive_message_bytes: int = DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
        **connection: Any,
    ) -> None:
        """Connects to ``target`` (``host:port``), or uses ``channel`` if given.

        ``connection`` takes open_channel's keywords: ``tls``, ``tls_ca``,
        ``tls_cert``, ``tls_key`` (PEM bytes), ``tls_server_name`` and
        ``token``; without them the channel is plaintext.

        ``max_receive_message_bytes`` is the channel's receive limit; sessions
        state it to the server, which then never sends a larger message. A
        given ``channel`` must have been created with that limit
        (``grpc.max_receive_message_length``; grpcio's default is 4 MiB).
        """
        if channel is None:
            channel = open_channel(
                target,
                options=[("grpc.max_receive_message_length", max_receive_message_bytes)],
                **connection,
            )
        self._channel = channel
        self._max_receive_message_bytes = max_receive_message_bytes
        self._devices = device_pb2_grpc.DeviceServiceStub(self._channel)
        self._contexts = async_context_pb2_grpc.AsyncContextServiceStub(self._channel)
        self._stats = stats_pb2_grpc.StatsServiceStub(self._channel)
        self._cluster = cluster_pb2_grpc.ClusterServiceStub(self._channel)
        # Sessions send commands already encoded (session_wire), so their requests bypass
        # the generated serializer.
        self._session_rpc = self._channel.stream_stream(
            SESSION_METHOD,
            request_serializer=serialize_session_request,
            response_deserializer=ac.SessionResponse.FromString,
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the channel; calls in progress are cancelled."""
        self._channel.close()

    def devices(self) -> list[device_pb2.Device]:
        """Every device the server exposes, in configuration order."""
        with raising_lnvm_errors():
            return list(self._devices.ListDevices(device_pb2.ListDevicesRequest()).devices)

    def device(self, name: str) -> device_pb2.Device:
        """One device by name. Raises NOT_FOUND (DEVICE_NOT_FOUND) for an unknown name."""
        with raising_lnvm_errors():
            return self._devices.GetDevice(device_pb2.GetDeviceRequest(name=name)).device

    def chunks(
        self, device: str, states: Iterable[device_pb2.ChunkState.ValueType] = ()
    ) -> Iterator[device_pb2.ChunkDescriptor]:
        """The device's chunk report, in (group, punit, chunk) order.

        Only chunks in one of ``states`` if any are given. Closing the
        iterator early cancels the report.
        """
        request = device_pb2.ReportChunksRequest(device=device, states=list(states))
        call = self._devices.ReportChunks(request)
        try:
            with raising_lnvm_errors():
                for page in call:
                    yield from page.chunks
        finally:
            call.cancel()

    def get_stats(self, device: str = "", *, include_chunks: bool = False) -> stats_pb2.GetStatsResponse:
        """The server's I/O counters (StatsService.GetStats), as the caller may see them.

        Per device, per context and per principal (``principals``), for
        ``device`` only when given; ``include_chunks`` also counts chunks by
        state, which reads each device's chunk report. Raises NOT_FOUND
        (DEVICE_NOT_FOUND) for an unknown device.
        """
        request = stats_pb2.GetStatsRequest(device=device, include_chunks=include_chunks)
        with raising_lnvm_errors():
            return self._stats.GetStats(request)

    def list_cluster_devices(self) -> list[cluster_pb2.ClusterDevice]:
        """Every device of the server's cluster and the node serving it, in name order.

        Raises FAILED_PRECONDITION (CLUSTER_DISABLED) when the server runs
        without ``--etcd``; lnvm.Cluster routes contexts by it.
        """
        with raising_lnvm_errors():
            request = cluster_pb2.ListClusterDevicesRequest()
            return list(self._cluster.ListClusterDevices(request).devices)

    def init(self, device: str, depth: int = 0) -> Context:
        """Creates an async context on ``device`` (nvm_async_init).

        ``depth`` bounds the commands outstanding plus completions pending;
        0 takes the server's default.
        """
        with raising_lnvm_errors():
            response = self._contexts.Init(ac.InitRequest(device=device, depth=depth))
        return Context(
            self._contexts, self._session_rpc, response.context, self._max_receive_message_bytes
        )

    def context(self, context_id: str) -> Context:
        """A handle on an existing context, e.g. one created by another client."""
        with raising_lnvm_errors():
            response = self._contexts.GetContext(ac.GetContextRequest(context_id=context_id))
        return Context(
            self._contexts, self._session_rpc, response.context, self._max_receive_message_bytes
        )


class Context:
    """An async command context on one device; obtain one from Client.init.

    Two ways to use it:

    - ``read``, ``write``, ``erase``, ``copy`` (and ``issue`` for a list of
      built commands) return a concurrent.futures.Future per command, settled with the command's
      lightnvm.v1.Completion (whatever its status: device rule violations are
      statuses, not errors). They travel on one Session the context opens on
      first use (see IoSession: pipelined within the credit, acknowledged,
      reattached after a transient failure). A future fails with LnvmError
      only when its command is known not to have reached the device, or the
      context is gone.
    - ``submit`` sends a batch with one unary Submit; its outcomes arrive
      from completions(), poke() or wait(), matched by the caller's tags
      (below SESSION_TAG_BASE). These fail with FAILED_PRECONDITION
      (STREAM_ATTACHED) while the session is attached: detach() first.

    Use it as a context manager to term() it on exit.
    """

    def __init__(
        self,
        stub: async_context_pb2_grpc.AsyncContextServiceStub,
        session_rpc: grpc.StreamStreamMultiCallable,
        info: ac.AsyncContext,
        max_receive_message_bytes: int = DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
    ) -> None:
        self._stub = stub
        self._session_rpc = session_rpc
        #: Server-assigned id.
        self.id: str = info.id
        #: Name of the device the context submits to.
        self.device: str = info.device
        #: Most commands outstanding plus completions pending.
        self.depth: int = info.depth
        #: Most bytes the server holds for the context (buffers and held completion data).
        self.held_bytes_limit: int = info.held_bytes_limit
        self._max_receive_message_bytes = max_receive_message_bytes
        self._tags = itertools.count(SESSION_TAG_BASE)
        self._session_lock = threading.Lock()
        self._session: IoSession | None = None

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.term()

    def __repr__(self) -> str:
        return f"Context(id={self.id!r}, device={self.device!r}, depth={self.depth})"

    def write(
        self, addrs: Sequence[AddressLike], data: bytes, *, meta: bytes = b""
    ) -> Future[command_pb2.Completion]:
        """Writes ``data`` (len(addrs) × nbytes bytes, in address order) over the session."""
        tag = next(self._tags)
        return self._issue(tag, encode_write(tag, addrs, data, meta), len(data) + len(meta))

    def read(
        self, addrs: Sequence[AddressLike], *, with_meta: bool = False
    ) -> Future[command_pb2.Completion]:
        """Reads ``addrs`` over the session; the completion's ``data`` holds the sectors."""
        tag = next(self._tags)
        return self._issue(tag, encode_read(tag, addrs, with_meta), 0)

    def erase(self, chunks: Sequence[AddressLike]) -> Future[command_pb2.Completion]:
        """Resets the chunks the addresses name (their sector is ignored) over the session."""
        tag = next(self._tags)
        return self._issue(tag, erase_command(chunks, tag=tag).SerializeToString(), 0)

    def copy(
        self, sources: Sequence[AddressLike], destinations: Sequence[AddressLike]
    ) -> Future[command_pb2.Completion]:
        """Copies ``sources[i]`` to ``destinations[i]`` over the session."""
        tag = next(self._tags)
        return self._issue(tag, copy_command(sources, destinations, tag=tag).SerializeToString(), 0)

    def issue(self, commands: Iterable[command_pb2.Command]) -> list[Future[command_pb2.Completion]]:
        """Sends copies of ``commands`` (built by lnvm.commands) over the session, in order.

        They are queued together, so none of them goes out before the others
        are queued. Each copy gets a tag of the context's own; ``commands`` are
        left as they are. Returns a future per command, in order.
        """
        items = []
        for command in commands:
            own = command_pb2.Command()
            own.CopyFrom(command)
            own.tag = next(self._tags)
            items.append(
                _session_command(
                    own.tag, own.SerializeToString(), len(own.write.data) + len(own.write.meta)
                )
            )
        self._open_session().send(items)
        return [item.future for item in items]

    @property
    def reattachments(self) -> int:
        """Times the session was reattached after its stream broke."""
        session = self._session
        return session.reattachments if session is not None else 0

    def detach(self) -> None:
        """Cancels the session, if open, without terminating the context.

        What the server holds stays held for the next session; futures not
        yet settled fail with CANCELLED.
        """
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.cancel()

    def _issue(self, tag: int, wire: bytes, write_nbytes: int) -> Future[command_pb2.Completion]:
        item = _session_command(tag, wire, write_nbytes)
        self._open_session().send([item])
        return item.future

    def _open_session(self) -> IoSession:
        with self._session_lock:
            # After a session failed (say the server was down for a while), the next command
            # opens a new one; the old one's futures have failed already.
            if self._session is None or self._session.closed:
                self._session = IoSession(
                    self._session_rpc,
                    context_id=self.id,
                    depth=self.depth,
                    held_bytes_limit=self.held_bytes_limit,
                    max_receive_message_bytes=self._max_receive_message_bytes,
                )
            return self._session

    def submit(
        self, commands: Sequence[command_pb2.Command], *, wait_for_room_s: float | None = None
    ) -> ac.SubmitResponse:
        """Submits a batch, all or nothing.

        The batch must fit the context's room (depth - outstanding - pending)
        or RESOURCE_EXHAUSTED (QUEUE_FULL) is raised; with ``wait_for_room_s``
        the server first waits that many seconds for room.
        """
        request = ac.SubmitRequest(context_id=self.id, commands=commands)
        if wait_for_room_s is not None:
            wait = duration_pb2.Duration()
            wait.FromNanoseconds(round(wait_for_room_s * 1e9))
            request.wait_for_room.CopyFrom(wait)
        with raising_lnvm_errors():
            return self._stub.Submit(request)

    def completions(self, resume_after_sequence: int = 0) -> Iterator[command_pb2.Completion]:
        """Yields completions as the server reaps them, in ascending sequence.

        Attaches the context's one completion stream on the first next();
        while attached, poke() and wait() fail with FAILED_PRECONDITION
        (STREAM_ATTACHED). Ends when the context is terminated. Closing the
        iterator (or breaking out of a for loop over it) detaches the stream;
        completions not yet received stay pending on the server.
        """
        request = ac.StreamCompletionsRequest(
            context_id=self.id, resume_after_sequence=resume_after_sequence
        )
        call = self._stub.StreamCompletions(request)
        try:
            with raising_lnvm_errors():
                for response in call:
                    yield from response.completions
        finally:
            call.cancel()

    def poke(self, max_completions: int = 0) -> list[command_pb2.Completion]:
        """Returns up to ``max_completions`` pending completions (0: all) without waiting."""
        with raising_lnvm_errors():
            response = self._stub.Poke(ac.PokeRequest(context_id=self.id, max=max_completions))
        return list(response.completions)

    def wait(self, timeout_s: float | None = None) -> list[command_pb2.Completion]:
        """Waits until nothing is outstanding, then returns every pending completion.

        If ``timeout_s`` passes first, DEADLINE_EXCEEDED is raised and the
        completions stay pending.
        """
        with raising_lnvm_errors():
            response = self._stub.Wait(ac.WaitRequest(context_id=self.id), timeout=timeout_s)
        return list(response.completions)

    def info(self) -> ac.AsyncContext:
        """The context's depth, outstanding commands and pending completions now."""
        with raising_lnvm_errors():
            return self._stub.GetContext(ac.GetContextRequest(context_id=self.id)).context

    def term(self) -> None:
        """Terminates the context once its outstanding I/O completes (nvm_async_term).

        The session, if open, is closed first: commands issued before settle
        from their completions. Undelivered completions are discarded; an
        attached completion stream ends. Raises NOT_FOUND (CONTEXT_NOT_FOUND)
        if already terminated.
        """
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
        with raising_lnvm_errors():
            self._stub.Term(ac.TermRequest(context_id=self.id))


def _session_command(tag: int, wire: bytes, write_nbytes: int) -> SessionCommand:
    future: Future[command_pb2.Completion] = Future()
    # A running future cannot be cancelled: once issued, a command's outcome is the device's.
    future.set_running_or_notify_cancel()
    return SessionCommand(tag, wire, write_nbytes, future)


__all__ = ["DEFAULT_MAX_RECEIVE_MESSAGE_BYTES", "SESSION_TAG_BASE", "Client", "Context"]
