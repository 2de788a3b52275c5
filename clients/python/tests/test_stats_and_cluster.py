"""Stats and the cluster from Python: get_stats, list_cluster_devices and Cluster routing."""

from __future__ import annotations

import unittest
import uuid

import grpc

import lnvm

from lnvm._stubs import command_pb2, device_pb2, stats_pb2

from .etcd_server import start_etcd
from .lnvmd_server import DEVICE_NAME, start_server


def _write_units(ctx: lnvm.Context, device: device_pb2.Device, chunk: int, units: int) -> None:
    """Writes ``units`` ws_min units at the start of chunk ``chunk`` of PU 0, one after another."""
    for unit in range(units):
        sectors = [lnvm.Sector(0, 0, chunk, unit * device.ws_min + s) for s in range(device.ws_min)]
        completion = ctx.write(sectors, bytes(device.ws_min * device.geometry.nbytes)).result()
        assert completion.status.name == "SUCCESS", completion.status.name


def _writes(io: stats_pb2.IoStats) -> int:
    """The WRITE commands of an IoStats message."""
    return next(o.commands for o in io.opcodes if o.opcode == command_pb2.OPCODE_WRITE)


class StatsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = start_server(self)
        self.client = lnvm.Client(self.server.address)
        self.addCleanup(self.client.close)

    def test_get_stats_counts_the_writes_per_device_context_and_principal(self) -> None:
        device = self.client.device(DEVICE_NAME)
        with self.client.init(DEVICE_NAME, depth=4) as ctx:
            _write_units(ctx, device, chunk=0, units=3)
            stats = self.client.get_stats()
            [device] = stats.devices
            self.assertEqual((device.device, _writes(device.io), device.contexts), (DEVICE_NAME, 3, 1))
            [context] = stats.contexts
            self.assertEqual((context.context_id, _writes(context.io)), (ctx.id, 3))
            [principal] = stats.principals
            self.assertEqual(
                (principal.principal, principal.device, _writes(principal.io)),
                ("anonymous", DEVICE_NAME, 3),
            )
        self.assertEqual(len(self.client.get_stats(DEVICE_NAME, include_chunks=True).devices[0].chunks), 4)

    def test_get_stats_of_an_unknown_device_is_device_not_found(self) -> None:
        with self.assertRaises(lnvm.LnvmError) as caught:
            self.client.get_stats("nowhere.img")
        self.assertEqual((caught.exception.code, caught.exception.reason), (grpc.StatusCode.NOT_FOUND, "DEVICE_NOT_FOUND"))

    def test_a_server_without_etcd_refuses_the_cluster_with_cluster_disabled(self) -> None:
        with self.assertRaises(lnvm.LnvmError) as caught:
            self.client.list_cluster_devices()
        self.assertEqual(caught.exception.code, grpc.StatusCode.FAILED_PRECONDITION)
        self.assertEqual(caught.exception.reason, "CLUSTER_DISABLED")
        with self.assertRaises(lnvm.LnvmError) as caught:
            lnvm.Cluster([self.server.address])
        self.assertEqual(caught.exception.reason, "CLUSTER_DISABLED")


class ClusterTest(unittest.TestCase):
    def setUp(self) -> None:
        etcd = start_etcd(self)
        flags = ["--etcd", etcd, "--etcd-prefix", f"/lnvmd-python-{uuid.uuid4()}/"]
        self.servers = {
            name: start_server(self, flags, device_name=name) for name in ("a.img", "b.img", "c.img")
        }

    def test_a_cluster_seeded_with_one_node_routes_each_context_to_its_devices_node(self) -> None:
        # The first seed does not answer: the next one does.
        seeds = ["127.0.0.1:1", self.servers["a.img"].address]
        with lnvm.Cluster(seeds) as cluster:
            self.assertEqual(
                [(d.name, d.node_address) for d in cluster.devices()],
                [(name, server.address) for name, server in self.servers.items()],
            )
            self.assertEqual(cluster.node_of("c.img"), self.servers["c.img"].address)
            device = cluster.client_of("c.img").device("c.img")
            with cluster.init("c.img", depth=4) as ctx:
                _write_units(ctx, device, chunk=1, units=2)
                # The first unit is below the last mw_cunits sectors: readable.
                first = [lnvm.Sector(0, 0, 1, s) for s in range(device.ws_min)]
                back = ctx.read(first).result()
                self.assertEqual(back.status.name, "SUCCESS")
                self.assertEqual(back.data, bytes(device.ws_min * device.geometry.nbytes))
                # The context lives on c.img's node and on no other.
                for name, server in self.servers.items():
                    with lnvm.Client(server.address) as direct:
                        ids = [c.context_id for c in direct.get_stats().contexts]
                    self.assertEqual(ctx.id in ids, name == "c.img", name)
            self.assertEqual(cluster.client_of("b.img"), cluster.client_of("b.img"), "one client per node")

    def test_a_device_not_in_the_directory_is_device_not_found(self) -> None:
        with lnvm.Cluster([self.servers["b.img"].address]) as cluster:
            with self.assertRaises(lnvm.LnvmError) as caught:
                cluster.init("nowhere.img")
        error = caught.exception
        self.assertEqual((error.code, error.reason), (grpc.StatusCode.NOT_FOUND, "DEVICE_NOT_FOUND"))
        self.assertEqual(error.metadata, {"device": "nowhere.img"})


if __name__ == "__main__":
    unittest.main()
