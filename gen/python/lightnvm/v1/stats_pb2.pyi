from lightnvm.v1 import command_pb2 as _command_pb2
from lightnvm.v1 import device_pb2 as _device_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ChunkStateCount(_message.Message):
    __slots__ = ["count", "state"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    count: int
    state: _device_pb2.ChunkState
    def __init__(self, state: _Optional[_Union[_device_pb2.ChunkState, str]] = ..., count: _Optional[int] = ...) -> None: ...

class ContextStats(_message.Message):
    __slots__ = ["context_id", "depth", "device", "io"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    IO_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    depth: int
    device: str
    io: IoStats
    def __init__(self, context_id: _Optional[str] = ..., device: _Optional[str] = ..., depth: _Optional[int] = ..., io: _Optional[_Union[IoStats, _Mapping]] = ...) -> None: ...

class DeviceStats(_message.Message):
    __slots__ = ["chunks", "contexts", "device", "io", "max_wear_index"]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    CONTEXTS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    IO_FIELD_NUMBER: _ClassVar[int]
    MAX_WEAR_INDEX_FIELD_NUMBER: _ClassVar[int]
    chunks: _containers.RepeatedCompositeFieldContainer[ChunkStateCount]
    contexts: int
    device: str
    io: IoStats
    max_wear_index: int
    def __init__(self, device: _Optional[str] = ..., io: _Optional[_Union[IoStats, _Mapping]] = ..., contexts: _Optional[int] = ..., chunks: _Optional[_Iterable[_Union[ChunkStateCount, _Mapping]]] = ..., max_wear_index: _Optional[int] = ...) -> None: ...

class GetStatsRequest(_message.Message):
    __slots__ = ["device", "include_chunks"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CHUNKS_FIELD_NUMBER: _ClassVar[int]
    device: str
    include_chunks: bool
    def __init__(self, device: _Optional[str] = ..., include_chunks: bool = ...) -> None: ...

class GetStatsResponse(_message.Message):
    __slots__ = ["contexts", "devices", "latency_bucket_bounds_ns", "monotonic_ns", "principals", "rpcs"]
    CONTEXTS_FIELD_NUMBER: _ClassVar[int]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    LATENCY_BUCKET_BOUNDS_NS_FIELD_NUMBER: _ClassVar[int]
    MONOTONIC_NS_FIELD_NUMBER: _ClassVar[int]
    PRINCIPALS_FIELD_NUMBER: _ClassVar[int]
    RPCS_FIELD_NUMBER: _ClassVar[int]
    contexts: _containers.RepeatedCompositeFieldContainer[ContextStats]
    devices: _containers.RepeatedCompositeFieldContainer[DeviceStats]
    latency_bucket_bounds_ns: _containers.RepeatedScalarFieldContainer[int]
    monotonic_ns: int
    principals: _containers.RepeatedCompositeFieldContainer[PrincipalStats]
    rpcs: _containers.RepeatedCompositeFieldContainer[RpcCount]
    def __init__(self, devices: _Optional[_Iterable[_Union[DeviceStats, _Mapping]]] = ..., contexts: _Optional[_Iterable[_Union[ContextStats, _Mapping]]] = ..., latency_bucket_bounds_ns: _Optional[_Iterable[int]] = ..., monotonic_ns: _Optional[int] = ..., rpcs: _Optional[_Iterable[_Union[RpcCount, _Mapping]]] = ..., principals: _Optional[_Iterable[_Union[PrincipalStats, _Mapping]]] = ...) -> None: ...

class IoStats(_message.Message):
    __slots__ = ["completions", "held_bytes", "opcodes", "outstanding", "pending", "unacknowledged"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    HELD_BYTES_FIELD_NUMBER: _ClassVar[int]
    OPCODES_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    UNACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[StatusCount]
    held_bytes: int
    opcodes: _containers.RepeatedCompositeFieldContainer[OpcodeStats]
    outstanding: int
    pending: int
    unacknowledged: int
    def __init__(self, opcodes: _Optional[_Iterable[_Union[OpcodeStats, _Mapping]]] = ..., completions: _Optional[_Iterable[_Union[StatusCount, _Mapping]]] = ..., outstanding: _Optional[int] = ..., pending: _Optional[int] = ..., unacknowledged: _Optional[int] = ..., held_bytes: _Optional[int] = ...) -> None: ...

class LatencyHistogram(_message.Message):
    __slots__ = ["bucket_counts", "count", "sum_ns"]
    BUCKET_COUNTS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SUM_NS_FIELD_NUMBER: _ClassVar[int]
    bucket_counts: _containers.RepeatedScalarFieldContainer[int]
    count: int
    sum_ns: int
    def __init__(self, bucket_counts: _Optional[_Iterable[int]] = ..., sum_ns: _Optional[int] = ..., count: _Optional[int] = ...) -> None: ...

class OpcodeStats(_message.Message):
    __slots__ = ["bytes", "commands", "completions", "device_latency", "end_to_end_latency", "opcode"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    COMMANDS_FIELD_NUMBER: _ClassVar[int]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_LATENCY_FIELD_NUMBER: _ClassVar[int]
    END_TO_END_LATENCY_FIELD_NUMBER: _ClassVar[int]
    OPCODE_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    commands: int
    completions: int
    device_latency: LatencyHistogram
    end_to_end_latency: LatencyHistogram
    opcode: _command_pb2.Opcode
    def __init__(self, opcode: _Optional[_Union[_command_pb2.Opcode, str]] = ..., commands: _Optional[int] = ..., bytes: _Optional[int] = ..., completions: _Optional[int] = ..., device_latency: _Optional[_Union[LatencyHistogram, _Mapping]] = ..., end_to_end_latency: _Optional[_Union[LatencyHistogram, _Mapping]] = ...) -> None: ...

class PrincipalStats(_message.Message):
    __slots__ = ["contexts", "device", "io", "principal"]
    CONTEXTS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    IO_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    contexts: int
    device: str
    io: IoStats
    principal: str
    def __init__(self, principal: _Optional[str] = ..., device: _Optional[str] = ..., io: _Optional[_Union[IoStats, _Mapping]] = ..., contexts: _Optional[int] = ...) -> None: ...

class RpcCount(_message.Message):
    __slots__ = ["code", "count", "method"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    code: str
    count: int
    method: str
    def __init__(self, method: _Optional[str] = ..., code: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class StatusCount(_message.Message):
    __slots__ = ["code", "count", "name"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    code: int
    count: int
    name: str
    def __init__(self, code: _Optional[int] = ..., name: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...
