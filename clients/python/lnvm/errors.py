"""LnvmError: a failed lnvmd call, with its google.rpc error details decoded."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc

from ._stubs import error_details_pb2, status_pb2

#: Trailer in which gRPC servers send a serialized google.rpc.Status.
STATUS_DETAILS_KEY = "grpc-status-details-bin"

#: ErrorInfo.domain of every error the lightnvm.v1 services raise.
LNVM_DOMAIN = "lightnvm.v1"


@dataclass(frozen=True)
class FieldViolation:
    """One invalid request field, from a google.rpc.BadRequest."""

    #: Path to the field, e.g. ``commands[0].write.data``.
    field: str
    #: Why the value is invalid.
    description: str


# Not frozen: raising an exception sets its __cause__ and __traceback__.
@dataclass(eq=False)
class LnvmError(Exception):
    """A failed RPC.

    ``reason``, ``domain`` and ``metadata`` come from the google.rpc.ErrorInfo
    detail, ``field_violations`` from the google.rpc.BadRequest detail. Errors
    raised by gRPC itself (deadline, cancellation, message size) carry no
    details: ``reason`` and ``domain`` are then None and the rest empty.
    """

    #: The gRPC status code.
    code: grpc.StatusCode
    #: The server's message, naming the operation and its target.
    message: str
    #: ErrorInfo.reason, an ErrorReason name without its prefix, e.g.
    #: ``"CONTEXT_NOT_FOUND"``.
    reason: str | None = None
    #: ErrorInfo.domain; ``"lightnvm.v1"`` for lnvmd's own errors.
    domain: str | None = None
    #: ErrorInfo.metadata, e.g. ``{"context_id": "..."}``.
    metadata: dict[str, str] = field(default_factory=dict)
    #: Every invalid field of an INVALID_ARGUMENT error, in request order.
    field_violations: tuple[FieldViolation, ...] = ()

    def __str__(self) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.code.name}{reason}: {self.message}"

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> LnvmError:
        """Decodes a failed call's status and its ``grpc-status-details-bin`` trailer."""
        code: grpc.StatusCode = error.code()
        message: str = error.details() or ""
        status = _status_from_trailers(error.trailing_metadata() or ())
        if status is None:
            return cls(code, message)

        reason = domain = None
        metadata: dict[str, str] = {}
        violations: list[FieldViolation] = []
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            bad_request = error_details_pb2.BadRequest()
            if detail.Unpack(info):
                reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
            elif detail.Unpack(bad_request):
                violations.extend(
                    FieldViolation(v.field, v.description) for v in bad_request.field_violations
                )
        return cls(code, status.message or message, reason, domain, metadata, tuple(violations))


def _status_from_trailers(trailers: tuple[tuple[str, str | bytes], ...]) -> status_pb2.Status | None:
    for key, value in trailers:
        if key == STATUS_DETAILS_KEY and isinstance(value, bytes):
            return status_pb2.Status.FromString(value)
    return None


@contextlib.contextmanager
def raising_lnvm_errors() -> Iterator[None]:
    """Turns a grpc.RpcError raised inside the block into an LnvmError, keeping the cause."""
    try:
        yield
    except grpc.RpcError as error:
        raise LnvmError.from_rpc_error(error) from error
