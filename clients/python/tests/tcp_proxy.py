"""A TCP proxy in front of the server whose connections a test can cut, like a network fault."""

from __future__ import annotations

import socket
import threading
import unittest

#: Bytes each relay thread moves per recv.
RELAY_CHUNK_NBYTES = 64 * 1024


class TcpProxy:
    """Listens on an ephemeral 127.0.0.1 port and relays every connection to ``upstream``.

    sever() closes both sides of every current connection (the client sees
    its transport reset); the proxy keeps accepting, so a client that
    reconnects reaches the server again. hold_responses() stops relaying
    what the server sends (the client's messages still go through) until
    sever(). Registers its shutdown on ``test``.
    """

    def __init__(self, test: unittest.TestCase, upstream: str) -> None:
        host, port = upstream.rsplit(":", 1)
        self._upstream = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._closed = False
        #: Set while server-to-client bytes are relayed.
        self._responses_flow = threading.Event()
        self._responses_flow.set()
        #: Connections accepted so far.
        self.naccepted = 0
        #: Connections sever() cut.
        self.nsevered = 0
        self._acceptor = threading.Thread(target=self._accept, name="tcp-proxy-accept", daemon=True)
        self._acceptor.start()
        test.addCleanup(self.close)

    def hold_responses(self) -> None:
        """Stops relaying server-to-client bytes on current and new connections until sever()."""
        self._responses_flow.clear()

    def sever(self) -> int:
        """Closes every current connection, both sides; returns how many there were.

        Bytes held by hold_responses() are dropped; new connections relay both ways.
        """
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _close(sock)
        self._responses_flow.set()
        npairs = len(sockets) // 2
        self.nsevered += npairs
        return npairs

    def close(self) -> None:
        """Stops accepting and closes every connection."""
        with self._lock:
            self._closed = True
        _close(self._listener)
        self.sever()
        self._acceptor.join()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _ = self._listener.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                _close(downstream)
                continue
            with self._lock:
                if self._closed:
                    _close(downstream)
                    _close(upstream)
                    return
                self.naccepted += 1
                self._sockets += [downstream, upstream]
            for source, sink, flow in (
                (downstream, upstream, None),
                (upstream, downstream, self._responses_flow),
            ):
                threading.Thread(
                    target=_relay, args=(source, sink, flow), name="tcp-proxy-relay", daemon=True
                ).start()


def _relay(source: socket.socket, sink: socket.socket, flow: threading.Event | None) -> None:
    try:
        while data := source.recv(RELAY_CHUNK_NBYTES):
            if flow is not None and not flow.is_set():
                flow.wait()
                break  # severed while held: what was held is lost
            sink.sendall(data)
    except OSError:
        pass
    _close(source)
    _close(sink)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
