"""The generated lightnvm.v1 and google.rpc modules, made importable.

protoc's Python output imports its dependencies by proto package
(``from lightnvm.v1 import command_pb2``), so the generated tree,
gen/python, must be a root of ``sys.path``. This module is the one
place that arranges it; the rest of the package imports the stubs from here.
The tree is appended, not prepended, so it never shadows an installed module;
``google`` is a namespace package in Debian's python3-protobuf, so
``google.rpc`` from the tree sits beside the installed ``google.protobuf``.
"""

import sys
from pathlib import Path

_GEN_DIR = str(Path(__file__).resolve().parent.parent.parent.parent / "gen" / "python")
if _GEN_DIR not in sys.path:
    sys.path.append(_GEN_DIR)

from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from lightnvm.v1 import (  # noqa: E402
    address_pb2,
    async_context_pb2,
    async_context_pb2_grpc,
    cluster_pb2,
    cluster_pb2_grpc,
    command_pb2,
    device_pb2,
    device_pb2_grpc,
    stats_pb2,
    stats_pb2_grpc,
)

__all__ = [
    "address_pb2",
    "async_context_pb2",
    "async_context_pb2_grpc",
    "cluster_pb2",
    "cluster_pb2_grpc",
    "command_pb2",
    "device_pb2",
    "device_pb2_grpc",
    "error_details_pb2",
    "stats_pb2",
    "stats_pb2_grpc",
    "status_pb2",
]
