"""Client and Context: lnvmd's DeviceService and AsyncContextService, synchronously."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import grpc
from google.protobuf import duration_pb2

from ._stubs import async_context_pb2 as ac
from ._stubs import async_context_pb2_grpc, command_pb2, device_pb2, device_pb2_grpc
from .commands import AddressLike, read_command, write_command
from .errors import raising_lnvm_errors


class Client:
    """A connection to one lnvmd server.

    Every method raises LnvmError when the call fails. Use it as a context
    manager, or call close(), to release the channel.
    """

    def __init__(self, target: str, *, channel: grpc.Channel | None = None) -> None:
        """Connects to ``target`` (``host:port``) without TLS, or uses ``channel`` if given."""
        self._channel = channel if channel is not None else grpc.insecure_channel(target)
        self._devices = device_pb2_grpc.DeviceServiceStub(self._channel)
        self._contexts = async_context_pb2_grpc.AsyncContextServiceStub(self._channel)

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

    def init(self, device: str, depth: int = 0) -> Context:
        """Creates an async context on ``device`` (nvm_async_init).

        ``depth`` bounds the commands outstanding plus completions pending;
        0 takes the server's default.
        """
        with raising_lnvm_errors():
            response = self._contexts.Init(ac.InitRequest(device=device, depth=depth))
        return Context(self._contexts, response.context)

    def context(self, context_id: str) -> Context:
        """A handle on an existing context, e.g. one created by another client."""
        with raising_lnvm_errors():
            response = self._contexts.GetContext(ac.GetContextRequest(context_id=context_id))
        return Context(self._contexts, response.context)


class Context:
    """An async command context on one device; obtain one from Client.init.

    Submissions return once the commands reach the device; their outcomes
    arrive as lightnvm.v1.Completion messages, matched to commands by tag,
    from completions(), poke() or wait(). Use it as a context manager to
    term() it on exit.
    """

    def __init__(self, stub: async_context_pb2_grpc.AsyncContextServiceStub, info: ac.AsyncContext) -> None:
        self._stub = stub
        #: Server-assigned id.
        self.id: str = info.id
        #: Name of the device the context submits to.
        self.device: str = info.device
        #: Most commands outstanding plus completions pending.
        self.depth: int = info.depth

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.term()

    def __repr__(self) -> str:
        return f"Context(id={self.id!r}, device={self.device!r}, depth={self.depth})"

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

    def write(self, addrs: Sequence[AddressLike], data: bytes, *, tag: int = 0) -> ac.SubmitResponse:
        """Submits one vector write; ``data`` is len(addrs) × nbytes bytes."""
        return self.submit([write_command(addrs, data, tag=tag)])

    def read(self, addrs: Sequence[AddressLike], *, tag: int = 0, with_meta: bool = False) -> ac.SubmitResponse:
        """Submits one vector read; the data arrives in its completion."""
        return self.submit([read_command(addrs, tag=tag, with_meta=with_meta)])

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

        Undelivered completions are discarded; an attached completion stream
        ends. Raises NOT_FOUND (CONTEXT_NOT_FOUND) if already terminated.
        """
        with raising_lnvm_errors():
            self._stub.Term(ac.TermRequest(context_id=self.id))


__all__ = ["Client", "Context"]
