"""Builders for the lightnvm.v1 messages a Submit batch is made of."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Union

from ._stubs import address_pb2, command_pb2


class Sector(NamedTuple):
    """The address of one sector, by its position in the device geometry."""

    group: int
    punit: int
    chunk: int
    sector: int


#: What the builders accept as an address: a Sector (or any 4-tuple of
#: group, punit, chunk, sector) or a ready lightnvm.v1.Address.
AddressLike = Union[Sector, tuple[int, int, int, int], address_pb2.Address]


def address(addr: AddressLike) -> address_pb2.Address:
    """Returns ``addr`` as a lightnvm.v1.Address in structured form."""
    if isinstance(addr, address_pb2.Address):
        return addr
    group, punit, chunk, sector = addr
    return address_pb2.Address(
        sector=address_pb2.SectorAddress(group=group, punit=punit, chunk=chunk, sector=sector)
    )


def _vector(addrs: Iterable[AddressLike]) -> command_pb2.Target:
    return command_pb2.Target(
        vector=command_pb2.VectorTarget(addresses=[address(a) for a in addrs])
    )


def write_command(
    addrs: Iterable[AddressLike], data: bytes, *, tag: int = 0, meta: bytes = b""
) -> command_pb2.Command:
    """A vector write of ``data``: exactly len(addrs) × nbytes bytes, in address order.

    ``meta``, if any, is len(addrs) × nbytes_oob bytes of out-of-band metadata.
    """
    return command_pb2.Command(
        tag=tag, write=command_pb2.WriteCommand(target=_vector(addrs), data=data, meta=meta)
    )


def read_command(
    addrs: Iterable[AddressLike], *, tag: int = 0, with_meta: bool = False
) -> command_pb2.Command:
    """A vector read; its completion carries len(addrs) × nbytes bytes in address order."""
    return command_pb2.Command(
        tag=tag, read=command_pb2.ReadCommand(target=_vector(addrs), with_meta=with_meta)
    )


def erase_command(chunks: Iterable[AddressLike], *, tag: int = 0) -> command_pb2.Command:
    """A reset of the chunks the addresses name; their sector fields are ignored."""
    return command_pb2.Command(
        tag=tag, erase=command_pb2.EraseCommand(chunks=[address(c) for c in chunks])
    )


def copy_command(
    sources: Iterable[AddressLike], destinations: Iterable[AddressLike], *, tag: int = 0
) -> command_pb2.Command:
    """A vector copy of each source sector to the destination at the same position."""
    return command_pb2.Command(
        tag=tag,
        copy=command_pb2.CopyCommand(
            sources=[address(a) for a in sources], destinations=[address(a) for a in destinations]
        ),
    )
