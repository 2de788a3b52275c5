"""Cluster: routes each device's calls to the lnvmd node serving it, from the cluster directory."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import grpc

from ._stubs import cluster_pb2
from .client import Client, Context
from .errors import LNVM_DOMAIN, LnvmError


class Cluster:
    """A client of an lnvmd cluster, over one Client (one channel) per node.

    It reads the device directory (ClusterService.ListClusterDevices) from
    the first of ``seeds`` that answers, and sends each device's calls to the
    node serving it. Contexts are node state and never move: when a device
    changes node, a context opened before stays on the old one. ``refresh()``
    reads the directory again. Use it as a context manager, or call close().
    """

    def __init__(self, seeds: Sequence[str], **connection: Any) -> None:
        """Connects through ``seeds`` (``host:port`` of any nodes).

        ``connection`` takes Client's keywords (TLS, token, receive limit),
        used for every node. Raises the last seed's LnvmError when none
        answers, and a seed's own error (e.g. FAILED_PRECONDITION,
        CLUSTER_DISABLED) as soon as one answers with it.
        """
        if not seeds:
            raise ValueError("a cluster needs at least one seed address")
        self._seeds = list(seeds)
        self._connection = connection
        self._lock = threading.Lock()
        self._nodes: dict[str, Client] = {}
        self._directory: dict[str, cluster_pb2.ClusterDevice] = {}
        try:
            self.refresh()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def refresh(self) -> list[cluster_pb2.ClusterDevice]:
        """Reads the directory again, through the known nodes, then the seeds; returns it."""
        last: LnvmError | None = None
        known = [d.node_address for d in self._directory.values()]
        for address in dict.fromkeys([*known, *self._seeds]):
            try:
                devices = self._node(address).list_cluster_devices()
            except LnvmError as error:
                # A node that answered with a reason of its own is reachable: its answer stands.
                if error.reason is not None:
                    raise
                last = error
                continue
            with self._lock:
                self._directory = {d.name: d for d in devices}
            return devices
        assert last is not None
        raise last

    def devices(self) -> list[cluster_pb2.ClusterDevice]:
        """Every device of the directory as last read, in name order."""
        with self._lock:
            return list(self._directory.values())

    def node_of(self, device: str) -> str:
        """``host:port`` of the node serving ``device``.

        Raises NOT_FOUND (DEVICE_NOT_FOUND) when the directory does not hold it.
        """
        with self._lock:
            entry = self._directory.get(device)
        if entry is None:
            raise LnvmError(
                grpc.StatusCode.NOT_FOUND,
                f"device {device!r} is not in the cluster directory",
                "DEVICE_NOT_FOUND",
                LNVM_DOMAIN,
                {"device": device},
            )
        return entry.node_address

    def client_of(self, device: str) -> Client:
        """The Client of the node serving ``device`` (one per node, shared)."""
        return self._node(self.node_of(device))

    def init(self, device: str, depth: int = 0) -> Context:
        """Creates a context on ``device``, on the node that serves it (see Client.init)."""
        return self.client_of(device).init(device, depth)

    def close(self) -> None:
        """Closes every node's channel."""
        with self._lock:
            nodes, self._nodes = list(self._nodes.values()), {}
        for node in nodes:
            node.close()

    def _node(self, address: str) -> Client:
        with self._lock:
            node = self._nodes.get(address)
            if node is None:
                node = Client(address, **self._connection)
                self._nodes[address] = node
            return node


__all__ = ["Cluster"]
