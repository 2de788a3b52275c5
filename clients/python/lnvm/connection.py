"""open_channel: a gRPC channel to lnvmd, plaintext or TLS, with an optional bearer token."""

from __future__ import annotations

import collections
from collections.abc import Sequence
from typing import Any

import grpc


class _ClientCallDetails(
    collections.namedtuple(
        "_ClientCallDetails",
        ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"),
    ),
    grpc.ClientCallDetails,
):
    """ClientCallDetails with the metadata replaced (grpc's own type is not constructible)."""


class _BearerToken(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds ``authorization: Bearer TOKEN`` to every call.

    An interceptor rather than call credentials: grpc refuses call
    credentials on a plaintext channel, and lnvmd allows plaintext on
    loopback.
    """

    def __init__(self, token: str) -> None:
        self._header = ("authorization", f"Bearer {token}")

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = [*(details.metadata or ()), self._header]
        return _ClientCallDetails(
            details.method,
            details.timeout,
            metadata,
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(self._details(details), request)

    def intercept_stream_unary(self, continuation: Any, details: Any, requests: Any) -> Any:
        return continuation(self._details(details), requests)

    def intercept_stream_stream(self, continuation: Any, details: Any, requests: Any) -> Any:
        return continuation(self._details(details), requests)


def open_channel(
    target: str,
    *,
    tls: bool = False,
    tls_ca: bytes | None = None,
    tls_cert: bytes | None = None,
    tls_key: bytes | None = None,
    tls_server_name: str | None = None,
    token: str | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> grpc.Channel:
    """A channel to lnvmd at ``target`` (``host:port``).

    Plaintext unless ``tls`` or any ``tls_*`` PEM contents are given:
    ``tls_ca`` replaces the system's trusted roots, ``tls_cert`` with
    ``tls_key`` presents a client certificate (mutual TLS), and
    ``tls_server_name`` is the name the server certificate is checked
    against (default: the host of ``target``). ``token`` is sent as a
    bearer token on every call; beyond loopback, use it with TLS only.
    ``options`` are further channel options.
    """
    if (tls_cert is None) != (tls_key is None):
        raise ValueError("tls_cert and tls_key go together")
    secure = tls or tls_ca is not None or tls_cert is not None
    if secure:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=tls_ca, private_key=tls_key, certificate_chain=tls_cert
        )
        name = [] if tls_server_name is None else [("grpc.ssl_target_name_override", tls_server_name)]
        channel = grpc.secure_channel(target, credentials, options=[*options, *name])
    elif tls_server_name is not None:
        raise ValueError("tls_server_name needs TLS")
    else:
        channel = grpc.insecure_channel(target, options=list(options))
    if token is None:
        return channel
    return grpc.intercept_channel(channel, _BearerToken(token))
