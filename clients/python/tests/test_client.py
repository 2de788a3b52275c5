"""The Python client against a real lnvmd: discovery, the example's round trip, errors."""

from __future__ import annotations

import unittest

import grpc

import example
import lnvm

from .lnvmd_server import DEVICE_NAME, start_server


class ClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = start_server(self)
        self.client = lnvm.Client(self.server.address)
        self.addCleanup(self.client.close)

    def test_lists_the_image_as_a_device_with_the_configured_geometry(self) -> None:
        self.assertEqual(self.server.devices, [DEVICE_NAME])
        devices = self.client.devices()
        self.assertEqual([d.name for d in devices], [DEVICE_NAME])
        geometry = devices[0].geometry
        self.assertEqual(
            (geometry.npugrp, geometry.npunit, geometry.nchunk, geometry.nsectr), (1, 2, 4, 32)
        )

    def test_example_reads_back_the_data_it_wrote(self) -> None:
        result = example.round_trip(self.client, DEVICE_NAME, nchunks=4)

        self.assertEqual(len(result.expected), 4)
        self.assertGreater(result.sectors_read, 0)
        self.assertEqual(result.actual.keys(), result.expected.keys())
        for chunk, expected in result.expected.items():
            self.assertEqual(result.actual[chunk], expected, f"data of chunk {chunk}")
        pointers = {(c.group, c.punit, c.chunk): c.write_pointer for c in self.client.chunks(DEVICE_NAME)}
        for chunk in result.expected:
            self.assertEqual(pointers[chunk], result.sectors_written, f"write pointer of chunk {chunk}")

    def test_write_with_data_of_the_wrong_length_fails_naming_the_field(self) -> None:
        nbytes = self.client.device(DEVICE_NAME).geometry.nbytes
        with self.client.init(DEVICE_NAME, depth=2) as ctx:
            with self.assertRaises(lnvm.LnvmError) as caught:
                ctx.write([lnvm.Sector(0, 0, 0, 0)], bytes(nbytes - 1)).result()
            self.assertEqual(ctx.info().outstanding, 0, "nothing was submitted")

        error = caught.exception
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(error.reason, "INVALID_REQUEST")
        self.assertEqual(error.domain, lnvm.LNVM_DOMAIN)
        self.assertIn("commands[0].write.data", [v.field for v in error.field_violations])

    def test_submit_to_a_terminated_context_fails_with_context_not_found(self) -> None:
        ctx = self.client.init(DEVICE_NAME, depth=1)
        ctx.term()
        with self.assertRaises(lnvm.LnvmError) as caught:
            ctx.read([lnvm.Sector(0, 0, 0, 0)]).result()

        error = caught.exception
        self.assertEqual(error.code, grpc.StatusCode.NOT_FOUND)
        self.assertEqual(error.reason, "CONTEXT_NOT_FOUND")
        self.assertEqual(error.domain, lnvm.LNVM_DOMAIN)
        self.assertEqual(error.metadata.get("context_id"), ctx.id)
        self.assertEqual(error.field_violations, ())


if __name__ == "__main__":
    unittest.main()
