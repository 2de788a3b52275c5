from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Address(_message.Message):
    __slots__ = ["raw", "sector"]
    RAW_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    raw: int
    sector: SectorAddress
    def __init__(self, sector: _Optional[_Union[SectorAddress, _Mapping]] = ..., raw: _Optional[int] = ...) -> None: ...

class SectorAddress(_message.Message):
    __slots__ = ["chunk", "group", "punit", "sector"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    PUNIT_FIELD_NUMBER: _ClassVar[int]
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    chunk: int
    group: int
    punit: int
    sector: int
    def __init__(self, group: _Optional[int] = ..., punit: _Optional[int] = ..., chunk: _Optional[int] = ..., sector: _Optional[int] = ...) -> None: ...
