from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

CHUNK_STATE_CLOSED: ChunkState
CHUNK_STATE_FREE: ChunkState
CHUNK_STATE_OFFLINE: ChunkState
CHUNK_STATE_OPEN: ChunkState
CHUNK_STATE_UNSPECIFIED: ChunkState
CHUNK_TYPE_RANDOM_WRITE_ALLOWED: ChunkType
CHUNK_TYPE_SEQUENTIAL_WRITE_REQUIRED: ChunkType
CHUNK_TYPE_UNSPECIFIED: ChunkType
CHUNK_TYPE_WEAR_VARIABLE: ChunkType
DESCRIPTOR: _descriptor.FileDescriptor

class ChunkDescriptor(_message.Message):
    __slots__ = ["chunk", "device_address", "group", "punit", "sector_count", "state", "type", "wear_index", "write_pointer"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    DEVICE_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    PUNIT_FIELD_NUMBER: _ClassVar[int]
    SECTOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    WEAR_INDEX_FIELD_NUMBER: _ClassVar[int]
    WRITE_POINTER_FIELD_NUMBER: _ClassVar[int]
    chunk: int
    device_address: int
    group: int
    punit: int
    sector_count: int
    state: ChunkState
    type: ChunkType
    wear_index: int
    write_pointer: int
    def __init__(self, group: _Optional[int] = ..., punit: _Optional[int] = ..., chunk: _Optional[int] = ..., state: _Optional[_Union[ChunkState, str]] = ..., type: _Optional[_Union[ChunkType, str]] = ..., wear_index: _Optional[int] = ..., device_address: _Optional[int] = ..., sector_count: _Optional[int] = ..., write_pointer: _Optional[int] = ...) -> None: ...

class Device(_message.Message):
    __slots__ = ["capacity_bytes", "geometry", "max_addresses_per_command", "max_command_bytes", "mccap", "mw_cunits", "name", "path", "verid", "ws_min", "ws_opt"]
    CAPACITY_BYTES_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_FIELD_NUMBER: _ClassVar[int]
    MAX_ADDRESSES_PER_COMMAND_FIELD_NUMBER: _ClassVar[int]
    MAX_COMMAND_BYTES_FIELD_NUMBER: _ClassVar[int]
    MCCAP_FIELD_NUMBER: _ClassVar[int]
    MW_CUNITS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    VERID_FIELD_NUMBER: _ClassVar[int]
    WS_MIN_FIELD_NUMBER: _ClassVar[int]
    WS_OPT_FIELD_NUMBER: _ClassVar[int]
    capacity_bytes: int
    geometry: Geometry
    max_addresses_per_command: int
    max_command_bytes: int
    mccap: int
    mw_cunits: int
    name: str
    path: str
    verid: int
    ws_min: int
    ws_opt: int
    def __init__(self, name: _Optional[str] = ..., path: _Optional[str] = ..., geometry: _Optional[_Union[Geometry, _Mapping]] = ..., ws_min: _Optional[int] = ..., ws_opt: _Optional[int] = ..., mw_cunits: _Optional[int] = ..., mccap: _Optional[int] = ..., verid: _Optional[int] = ..., capacity_bytes: _Optional[int] = ..., max_command_bytes: _Optional[int] = ..., max_addresses_per_command: _Optional[int] = ...) -> None: ...

class Geometry(_message.Message):
    __slots__ = ["nbytes", "nbytes_oob", "nchunk", "npugrp", "npunit", "nsectr"]
    NBYTES_FIELD_NUMBER: _ClassVar[int]
    NBYTES_OOB_FIELD_NUMBER: _ClassVar[int]
    NCHUNK_FIELD_NUMBER: _ClassVar[int]
    NPUGRP_FIELD_NUMBER: _ClassVar[int]
    NPUNIT_FIELD_NUMBER: _ClassVar[int]
    NSECTR_FIELD_NUMBER: _ClassVar[int]
    nbytes: int
    nbytes_oob: int
    nchunk: int
    npugrp: int
    npunit: int
    nsectr: int
    def __init__(self, npugrp: _Optional[int] = ..., npunit: _Optional[int] = ..., nchunk: _Optional[int] = ..., nsectr: _Optional[int] = ..., nbytes: _Optional[int] = ..., nbytes_oob: _Optional[int] = ...) -> None: ...

class GetDeviceRequest(_message.Message):
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetDeviceResponse(_message.Message):
    __slots__ = ["device"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: Device
    def __init__(self, device: _Optional[_Union[Device, _Mapping]] = ...) -> None: ...

class ListDevicesRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListDevicesResponse(_message.Message):
    __slots__ = ["devices"]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedCompositeFieldContainer[Device]
    def __init__(self, devices: _Optional[_Iterable[_Union[Device, _Mapping]]] = ...) -> None: ...

class ReportChunksRequest(_message.Message):
    __slots__ = ["device", "max_chunks_per_message", "pu_begin", "pu_end", "states"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    MAX_CHUNKS_PER_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PU_BEGIN_FIELD_NUMBER: _ClassVar[int]
    PU_END_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    device: str
    max_chunks_per_message: int
    pu_begin: int
    pu_end: int
    states: _containers.RepeatedScalarFieldContainer[ChunkState]
    def __init__(self, device: _Optional[str] = ..., states: _Optional[_Iterable[_Union[ChunkState, str]]] = ..., pu_begin: _Optional[int] = ..., pu_end: _Optional[int] = ..., max_chunks_per_message: _Optional[int] = ...) -> None: ...

class ReportChunksResponse(_message.Message):
    __slots__ = ["chunks"]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    chunks: _containers.RepeatedCompositeFieldContainer[ChunkDescriptor]
    def __init__(self, chunks: _Optional[_Iterable[_Union[ChunkDescriptor, _Mapping]]] = ...) -> None: ...

class ChunkState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ChunkType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
