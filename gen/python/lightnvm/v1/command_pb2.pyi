from lightnvm.v1 import address_pb2 as _address_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
OPCODE_COPY: Opcode
OPCODE_ERASE: Opcode
OPCODE_READ: Opcode
OPCODE_UNSPECIFIED: Opcode
OPCODE_WRITE: Opcode
STATUS_CODE_CHUNK_EARLY_CLOSE: StatusCode
STATUS_CODE_INVALID_FIELD: StatusCode
STATUS_CODE_INVALID_RESET: StatusCode
STATUS_CODE_LBA_OUT_OF_RANGE: StatusCode
STATUS_CODE_OFFLINE_CHUNK: StatusCode
STATUS_CODE_OUT_OF_ORDER_WRITE: StatusCode
STATUS_CODE_READ_HIGH_ECC: StatusCode
STATUS_CODE_SUCCESS: StatusCode
STATUS_CODE_UNRECOVERED_READ_ERROR: StatusCode
STATUS_CODE_UNWRITTEN_BLOCK: StatusCode
STATUS_CODE_WRITE_FAULT: StatusCode
STATUS_CODE_WRITE_NEXT_UNIT: StatusCode

class Command(_message.Message):
    __slots__ = ["copy", "erase", "read", "tag", "write"]
    COPY_FIELD_NUMBER: _ClassVar[int]
    ERASE_FIELD_NUMBER: _ClassVar[int]
    READ_FIELD_NUMBER: _ClassVar[int]
    TAG_FIELD_NUMBER: _ClassVar[int]
    WRITE_FIELD_NUMBER: _ClassVar[int]
    copy: CopyCommand
    erase: EraseCommand
    read: ReadCommand
    tag: int
    write: WriteCommand
    def __init__(self, tag: _Optional[int] = ..., read: _Optional[_Union[ReadCommand, _Mapping]] = ..., write: _Optional[_Union[WriteCommand, _Mapping]] = ..., erase: _Optional[_Union[EraseCommand, _Mapping]] = ..., copy: _Optional[_Union[CopyCommand, _Mapping]] = ...) -> None: ...

class CommandStatus(_message.Message):
    __slots__ = ["code", "name", "sc", "sct"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCT_FIELD_NUMBER: _ClassVar[int]
    SC_FIELD_NUMBER: _ClassVar[int]
    code: int
    name: str
    sc: int
    sct: int
    def __init__(self, code: _Optional[int] = ..., sct: _Optional[int] = ..., sc: _Optional[int] = ..., name: _Optional[str] = ...) -> None: ...

class Completion(_message.Message):
    __slots__ = ["data", "device_latency_ns", "meta", "opcode", "result", "sequence", "status", "tag"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    DEVICE_LATENCY_NS_FIELD_NUMBER: _ClassVar[int]
    META_FIELD_NUMBER: _ClassVar[int]
    OPCODE_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TAG_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    device_latency_ns: int
    meta: bytes
    opcode: Opcode
    result: int
    sequence: int
    status: CommandStatus
    tag: int
    def __init__(self, tag: _Optional[int] = ..., sequence: _Optional[int] = ..., opcode: _Optional[_Union[Opcode, str]] = ..., status: _Optional[_Union[CommandStatus, _Mapping]] = ..., result: _Optional[int] = ..., data: _Optional[bytes] = ..., meta: _Optional[bytes] = ..., device_latency_ns: _Optional[int] = ...) -> None: ...

class CopyCommand(_message.Message):
    __slots__ = ["destinations", "sources"]
    DESTINATIONS_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    destinations: _containers.RepeatedCompositeFieldContainer[_address_pb2.Address]
    sources: _containers.RepeatedCompositeFieldContainer[_address_pb2.Address]
    def __init__(self, sources: _Optional[_Iterable[_Union[_address_pb2.Address, _Mapping]]] = ..., destinations: _Optional[_Iterable[_Union[_address_pb2.Address, _Mapping]]] = ...) -> None: ...

class EraseCommand(_message.Message):
    __slots__ = ["chunks"]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    chunks: _containers.RepeatedCompositeFieldContainer[_address_pb2.Address]
    def __init__(self, chunks: _Optional[_Iterable[_Union[_address_pb2.Address, _Mapping]]] = ...) -> None: ...

class ReadCommand(_message.Message):
    __slots__ = ["target", "with_meta"]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    WITH_META_FIELD_NUMBER: _ClassVar[int]
    target: Target
    with_meta: bool
    def __init__(self, target: _Optional[_Union[Target, _Mapping]] = ..., with_meta: bool = ...) -> None: ...

class ScalarTarget(_message.Message):
    __slots__ = ["sector_count", "start"]
    SECTOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    sector_count: int
    start: _address_pb2.Address
    def __init__(self, start: _Optional[_Union[_address_pb2.Address, _Mapping]] = ..., sector_count: _Optional[int] = ...) -> None: ...

class Target(_message.Message):
    __slots__ = ["scalar", "vector"]
    SCALAR_FIELD_NUMBER: _ClassVar[int]
    VECTOR_FIELD_NUMBER: _ClassVar[int]
    scalar: ScalarTarget
    vector: VectorTarget
    def __init__(self, vector: _Optional[_Union[VectorTarget, _Mapping]] = ..., scalar: _Optional[_Union[ScalarTarget, _Mapping]] = ...) -> None: ...

class VectorTarget(_message.Message):
    __slots__ = ["addresses"]
    ADDRESSES_FIELD_NUMBER: _ClassVar[int]
    addresses: _containers.RepeatedCompositeFieldContainer[_address_pb2.Address]
    def __init__(self, addresses: _Optional[_Iterable[_Union[_address_pb2.Address, _Mapping]]] = ...) -> None: ...

class WriteCommand(_message.Message):
    __slots__ = ["data", "meta", "target"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    META_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    meta: bytes
    target: Target
    def __init__(self, target: _Optional[_Union[Target, _Mapping]] = ..., data: _Optional[bytes] = ..., meta: _Optional[bytes] = ...) -> None: ...

class Opcode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class StatusCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
