"""Wire bytes of the session's hot messages, written by hand.

Building a lightnvm.v1.Command with the protobuf runtime, then copying it
into a SessionRequest and serializing that, cost the client more than a
third of its time per command. A session instead keeps each command as
its encoded bytes (``encode_read``, ``encode_write``, or
``SerializeToString`` of a built command) and joins them into a request
(``encode_commands_request``); the bytes are exactly what the protobuf
runtime writes (``tests/test_session_wire.py`` compares them). Field
numbers as in proto/lightnvm/v1/{async_context,command,address}.proto.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._stubs import address_pb2
from .commands import AddressLike


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


#: Varints of 0 to 2^14 - 1 (one or two bytes), precomputed: addresses and lengths are mostly small.
_SHORT = [_encode_varint(v) for v in range(0x4000)]


def _varint(value: int) -> bytes:
    return _SHORT[value] if value < 0x4000 else _encode_varint(value)


def _len_field(key: bytes, body: bytes) -> bytes:
    return key + _varint(len(body)) + body


def _uint_field(key: bytes, value: int) -> bytes:
    return key + _varint(value) if value else b""


# Keys: (field number << 3) | wire type (0 varint, 2 length-delimited).
_ADDRESS_SECTOR = b"\x0a"  # Address.sector
# SectorAddress.group, punit, chunk, sector: 0x08, 0x10, 0x18, 0x20 (in _address).
_VECTOR_ADDRESSES = b"\x0a"  # VectorTarget.addresses
_TARGET_VECTOR = b"\x0a"  # Target.vector
_OP_TARGET = b"\x0a"  # ReadCommand.target, WriteCommand.target
_READ_WITH_META = b"\x10\x01"  # ReadCommand.with_meta = true
_WRITE_DATA = b"\x12"  # WriteCommand.data
_WRITE_META = b"\x1a"  # WriteCommand.meta
_COMMAND_TAG = b"\x08"  # Command.tag
_COMMAND_READ = b"\x12"  # Command.read
_COMMAND_WRITE = b"\x1a"  # Command.write
_REQUEST_COMMANDS = b"\x12"  # SessionRequest.commands
_REQUEST_ACK_THROUGH = b"\x18"  # SessionRequest.ack_through


def _address(addr: AddressLike) -> bytes:
    if isinstance(addr, address_pb2.Address):
        return addr.SerializeToString()
    group, punit, chunk, sector = addr
    if not (
        0 <= group <= 0xFFFF_FFFF
        and 0 <= punit <= 0xFFFF_FFFF
        and 0 <= chunk <= 0xFFFF_FFFF
        and 0 <= sector <= 0xFFFF_FFFF
    ):
        raise ValueError(f"Value out of range: {tuple(addr)}")
    body = (
        (b"\x08" + _varint(group) if group else b"")
        + (b"\x10" + _varint(punit) if punit else b"")
        + (b"\x18" + _varint(chunk) if chunk else b"")
        + (b"\x20" + _varint(sector) if sector else b"")
    )
    return _ADDRESS_SECTOR + _varint(len(body)) + body


def _vector_target(addrs: Iterable[AddressLike]) -> bytes:
    vector = b"".join(_len_field(_VECTOR_ADDRESSES, _address(a)) for a in addrs)
    return _len_field(_OP_TARGET, _len_field(_TARGET_VECTOR, vector))


def _command(tag: int, op_key: bytes, op: bytes) -> bytes:
    return _uint_field(_COMMAND_TAG, tag) + _len_field(op_key, op)


def encode_read(tag: int, addrs: Sequence[AddressLike], with_meta: bool = False) -> bytes:
    """A lightnvm.v1.Command: the vector read commands.read_command builds."""
    return _command(tag, _COMMAND_READ, _vector_target(addrs) + (_READ_WITH_META if with_meta else b""))


def encode_write(tag: int, addrs: Sequence[AddressLike], data: bytes, meta: bytes = b"") -> bytes:
    """A lightnvm.v1.Command: the vector write commands.write_command builds."""
    op = _vector_target(addrs)
    if data:
        op += _len_field(_WRITE_DATA, data)
    if meta:
        op += _len_field(_WRITE_META, meta)
    return _command(tag, _COMMAND_WRITE, op)


def encode_commands_request(commands: Iterable[bytes], ack_through: int) -> bytes:
    """A lightnvm.v1.SessionRequest of encoded commands and an acknowledgement."""
    parts = [_len_field(_REQUEST_COMMANDS, c) for c in commands]
    if ack_through:
        parts.append(_REQUEST_ACK_THROUGH + _varint(ack_through))
    return b"".join(parts)


def serialize_session_request(request: object) -> bytes:
    """The Session call's request serializer: encoded bytes as they are, messages serialized."""
    if isinstance(request, bytes):
        return request
    return request.SerializeToString()  # type: ignore[attr-defined]


__all__ = ["encode_commands_request", "encode_read", "encode_write", "serialize_session_request"]
