"""IoSession: the client side of one lightnvm.v1 Session, with a future per command."""

from __future__ import annotations

import collections
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass

import grpc

from ._stubs import async_context_pb2 as ac
from ._stubs import command_pb2
from .errors import LnvmError
from .session_wire import encode_commands_request

#: Write data bytes per session message the client aims for, well below any receive limit.
MAX_MESSAGE_DATA_NBYTES = 3 * 1024 * 1024

#: Reattachments in a row that may fail before the session gives up, and their backoff.
REATTACH_ATTEMPTS = 8
REATTACH_FIRST_DELAY_S = 0.02
REATTACH_MAX_DELAY_S = 1.0

#: How long close() waits for the server to end the session once every command completed.
CLOSE_TIMEOUT_S = 30.0


@dataclass(eq=False)
class SessionCommand:
    """A command the session sent or will send, and the future its completion settles."""

    #: The command's tag: the session's own, it routes the completion back.
    tag: int
    #: The encoded lightnvm.v1.Command (see session_wire).
    wire: bytes
    #: Write data and metadata bytes: what the server's credit counts.
    write_nbytes: int
    #: Settles with the command's completion, or fails (see IoSession).
    future: Future[command_pb2.Completion]


@dataclass(eq=False)
class _Attachment:
    """One Session call: the stream the session is attached through, until it ends."""

    call: grpc.Call | None = None
    #: The server's `opened` arrived: commands may be sent.
    opened: bool = False
    #: The call ended: its request iterator returns.
    ended: bool = False


class IoSession:
    """Commands pipelined over one Session of a context, each settling a future.

    Commands go out in issue order, as many per message as have queued while
    the previous message was being sent, within the credit the server grants:
    at most ``depth`` commands and ``held_bytes_limit`` bytes of write data
    sent and not completed. Every completion is acknowledged (ack_through)
    once its future is settled.

    When the stream breaks for a transient reason (UNAVAILABLE, a
    cancellation or reset the client did not ask for, FAILED_PRECONDITION
    while the server still holds the broken stream), the session reattaches
    with backoff, acknowledging what it processed; the server replays the
    completions it holds, and ``opened.context.submitted`` tells which sent
    commands never reached the device: exactly those are sent again. So a
    future settles from its command's real completion. It fails only when its
    command is known not to have reached the device, or the session cannot go
    on (the context is gone: NOT_FOUND; the server is shutting down:
    UNAVAILABLE with reason SHUTTING_DOWN; or reattaching failed
    REATTACH_ATTEMPTS times in a row); then every command sent and not
    completed fails too, saying its completion is lost.

    When the server refuses a message (INVALID_ARGUMENT: a command failed
    validation), that message's commands and every later one not submitted
    fail with the error, and the session reattaches for the commands that
    were submitted.

    Futures settle on the session's reader thread: callbacks added to them
    must not block.
    """

    def __init__(
        self,
        session_rpc: grpc.StreamStreamMultiCallable,
        *,
        context_id: str,
        depth: int,
        held_bytes_limit: int,
        max_receive_message_bytes: int,
    ) -> None:
        #: The Session call, with session_wire's request serializer (see Client).
        self._session_rpc = session_rpc
        self._context_id = context_id
        self._name = f"session of context {context_id}"
        self._depth = depth
        self._held_bytes_limit = held_bytes_limit or float("inf")
        self._max_receive_message_bytes = max_receive_message_bytes
        self._lock = threading.Condition()
        # Everything below is guarded by _lock.
        #: Issued and not sent, in issue order.
        self._queue: collections.deque[SessionCommand] = collections.deque()
        #: Sent on the current attachment and not yet reported submitted, with their
        #: context-wide positions (AsyncContext.submitted once each is submitted).
        self._unconfirmed: collections.deque[tuple[SessionCommand, int]] = collections.deque()
        #: Position the next command sent will have.
        self._next_position = 0
        #: Sent and not completed, by tag, and their write bytes: the credit in use.
        self._in_flight: dict[int, SessionCommand] = {}
        self._in_flight_nbytes = 0
        #: Highest sequence whose completion was handed over, and the highest acknowledged.
        self._processed = 0
        self._acknowledged = 0
        self._attachment: _Attachment | None = None
        #: Set when the server refused a message: what it did not submit fails with it.
        self._refusal: LnvmError | None = None
        self._closing = False
        self._cancelled = threading.Event()
        #: The channel was closed under the session: nothing can be sent any more.
        self._channel_closed = False
        #: Attachments opened after a break (for callers that watch the session's health).
        self.reattachments = 0
        self._thread = threading.Thread(
            target=self._run, name=f"lnvm-session-{context_id}", daemon=True
        )
        self._thread.start()

    @property
    def closed(self) -> bool:
        """True once close() or cancel() was called or the session failed: send() fails."""
        with self._lock:
            return self._closing

    @property
    def in_flight(self) -> int:
        """Commands sent and not completed."""
        with self._lock:
            return len(self._in_flight)

    def send(self, items: list[SessionCommand]) -> None:
        """Queues ``items`` together; they are sent, in issue order, once the credit allows.

        Fails their futures with FAILED_PRECONDITION if the session is closed.
        """
        with self._lock:
            closed = self._closing
            if not closed:
                self._queue.extend(items)
                # Commands issued by callbacks while the reader thread hands completions over go
                # out together, with the acknowledgement, once the handover is done.
                if threading.current_thread() is not self._thread:
                    self._lock.notify_all()
        if closed:
            error = LnvmError(grpc.StatusCode.FAILED_PRECONDITION, f"{self._name} is closed")
            for item in items:
                item.future.set_exception(error)

    def close(self, timeout_s: float = CLOSE_TIMEOUT_S) -> None:
        """Sends what is queued, half-closes once every sent command completed, and waits for the end."""
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._join(timeout_s)

    def cancel(self) -> None:
        """Detaches at once; the context keeps what it holds. Unfinished futures fail with CANCELLED."""
        self._cancelled.set()
        with self._lock:
            self._closing = True
            attachment = self._attachment
            self._lock.notify_all()
        if attachment is not None and attachment.call is not None:
            attachment.call.cancel()
        self._join(CLOSE_TIMEOUT_S)

    def _join(self, timeout_s: float) -> None:
        # A future's callback runs on the reader thread, which cannot wait for itself.
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    # The reader thread

    def _run(self) -> None:
        cancelled = LnvmError(grpc.StatusCode.CANCELLED, f"{self._name} was cancelled")
        attempt = 0
        broken = False
        while True:
            attachment = _Attachment()
            error = self._attach(attachment, after_break=broken)
            with self._lock:
                attachment.ended = True
                self._attachment = None
                self._lock.notify_all()
                if attachment.opened:
                    attempt = 0
                done = self._closing and not self._in_flight and not self._queue
            if self._cancelled.is_set():
                self._fail(cancelled)
                return
            if error is None:
                if not done:
                    # The server ends an unfinished session with OK when the context is terminated.
                    self._fail(LnvmError(grpc.StatusCode.NOT_FOUND, f"context {self._context_id} was terminated"))
                return
            if done:
                return
            attempt += 1
            # A context that is gone, or a server shutting down (its contexts go with it), will
            # not take the commands later; nor will a closed channel carry them.
            terminal = (
                error.code == grpc.StatusCode.NOT_FOUND
                or error.reason == "SHUTTING_DOWN"
                or self._channel_closed
            )
            if terminal or attempt > REATTACH_ATTEMPTS:
                self._fail(error)
                return
            if self._is_transient(error, after_break=broken):
                delay_s = min(REATTACH_MAX_DELAY_S, REATTACH_FIRST_DELAY_S * 2 ** (attempt - 1))
                if self._cancelled.wait(delay_s):
                    self._fail(cancelled)
                    return
            else:
                # The server refused a message and ended the session: reattach at once; the new
                # session's `opened.submitted` tells which commands it never submitted.
                with self._lock:
                    self._refusal = error
            broken = True

    def _attach(self, attachment: _Attachment, *, after_break: bool) -> LnvmError | None:
        """Runs one Session call to its end; returns how it failed, or None if it ended with OK."""
        with self._lock:
            self._attachment = attachment
            open_request = ac.SessionRequest(
                open=ac.SessionOpen(
                    context_id=self._context_id,
                    max_receive_message_bytes=self._max_receive_message_bytes,
                ),
                ack_through=self._processed,
            )
            self._acknowledged = self._processed
        try:
            call = self._session_rpc(self._requests(attachment, open_request))
            attachment.call = call
            if self._cancelled.is_set():
                call.cancel()
            for response in call:
                self._on_message(attachment, response, reattached=after_break)
        except grpc.RpcError as rpc_error:
            return LnvmError.from_rpc_error(rpc_error)
        except ValueError as closed:
            # grpcio refuses a call on a closed channel this way.
            self._channel_closed = True
            return LnvmError(grpc.StatusCode.CANCELLED, f"{self._name}: {closed}")
        return None

    def _is_transient(self, error: LnvmError, *, after_break: bool) -> bool:
        code = error.code
        if code == grpc.StatusCode.UNAVAILABLE:
            return True
        if code == grpc.StatusCode.CANCELLED:
            return not self._cancelled.is_set()
        if code in (grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL):
            # Without lnvmd's ErrorInfo these come from the transport (a reset stream).
            return error.domain is None
        # The server may not have seen the broken stream go yet.
        return code == grpc.StatusCode.FAILED_PRECONDITION and after_break

    def _on_message(
        self, attachment: _Attachment, response: ac.SessionResponse, *, reattached: bool
    ) -> None:
        refused: list[SessionCommand] = []
        refusal: LnvmError | None = None
        fresh: list[tuple[SessionCommand, command_pb2.Completion]] = []
        last_sequence = 0
        with self._lock:
            if response.HasField("opened"):
                attachment.opened = True
                if reattached:
                    self.reattachments += 1
                # Commands of the broken stream the context reports submitted stay in flight
                # (their completions are replayed); the others never reached it.
                submitted = response.opened.submitted
                unsubmitted = [item for item, position in self._unconfirmed if position > submitted]
                for item in unsubmitted:
                    self._release(item)
                self._unconfirmed.clear()
                self._next_position = submitted
                refusal, self._refusal = self._refusal, None
                if refusal is not None:
                    refused = unsubmitted + list(self._queue)
                    self._queue.clear()
                else:
                    self._queue.extendleft(reversed(unsubmitted))
            while self._unconfirmed and self._unconfirmed[0][1] <= response.submitted:
                self._unconfirmed.popleft()
            for completion in response.completions:
                # A replay starts at the oldest unacknowledged completion: skip what was handed over.
                if completion.sequence <= self._processed:
                    continue
                last_sequence = completion.sequence
                item = self._in_flight.pop(completion.tag, None)
                if item is not None:
                    self._in_flight_nbytes -= item.write_nbytes
                    fresh.append((item, completion))
            self._lock.notify_all()
        for item in refused:
            item.future.set_exception(refusal)
        for item, completion in fresh:
            item.future.set_result(completion)
        with self._lock:
            if last_sequence:
                self._processed = last_sequence
            self._lock.notify_all()

    def _release(self, item: SessionCommand) -> None:
        if self._in_flight.pop(item.tag, None) is not None:
            self._in_flight_nbytes -= item.write_nbytes

    def _fail(self, error: LnvmError) -> None:
        with self._lock:
            self._closing = True
            error = self._refusal or error
            # Only the queue is known unsent; what was sent may or may not have run.
            unsent = list(self._queue)
            self._queue.clear()
            sent = list(self._in_flight.values())
            self._in_flight.clear()
            self._unconfirmed.clear()
        lost = LnvmError(
            error.code,
            f"{error.message} (the command may have reached the device; its completion is lost)",
            error.reason,
            error.domain,
            error.metadata,
        )
        for item in unsent:
            item.future.set_exception(error)
        for item in sent:
            item.future.set_exception(lost)

    # The request iterator, consumed by gRPC's sending thread

    def _requests(
        self, attachment: _Attachment, open_request: ac.SessionRequest
    ) -> Iterator[ac.SessionRequest | bytes]:
        """Yields ``open_request``, then messages of queued commands and acknowledgements.

        Each message takes every queued command the credit allows, so commands
        issued while the previous message was being sent travel together.
        Returns (half-closing the stream) once the session is closing and
        nothing is in flight, or when the attachment ended.
        """
        yield open_request
        while True:
            with self._lock:
                while True:
                    if attachment.ended or self._cancelled.is_set():
                        return
                    if attachment.opened:
                        request = self._take_request()
                        if request is not None:
                            break
                        if self._closing and not self._in_flight and not self._queue:
                            return
                    self._lock.wait()
            yield request

    def _take_request(self) -> bytes | None:
        """Moves the queued commands the credit allows into one message, with the acknowledgement."""
        commands: list[bytes] = []
        nbytes = 0
        while self._queue and len(self._in_flight) < self._depth:
            item = self._queue[0]
            if self._in_flight and self._in_flight_nbytes + item.write_nbytes > self._held_bytes_limit:
                break
            if commands and nbytes + item.write_nbytes > MAX_MESSAGE_DATA_NBYTES:
                break
            self._queue.popleft()
            commands.append(item.wire)
            nbytes += item.write_nbytes
            self._in_flight[item.tag] = item
            self._in_flight_nbytes += item.write_nbytes
            self._next_position += 1
            self._unconfirmed.append((item, self._next_position))
        ack_through = self._processed if self._processed > self._acknowledged else 0
        if not commands and not ack_through:
            return None
        self._acknowledged = self._processed
        return encode_commands_request(commands, ack_through)


__all__ = ["MAX_MESSAGE_DATA_NBYTES", "IoSession", "SessionCommand"]
