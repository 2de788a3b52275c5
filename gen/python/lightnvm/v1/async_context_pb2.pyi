from google.protobuf import duration_pb2 as _duration_pb2
from lightnvm.v1 import command_pb2 as _command_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AsyncContext(_message.Message):
    __slots__ = ["depth", "device", "id", "outstanding", "pending"]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    depth: int
    device: str
    id: str
    outstanding: int
    pending: int
    def __init__(self, id: _Optional[str] = ..., device: _Optional[str] = ..., depth: _Optional[int] = ..., outstanding: _Optional[int] = ..., pending: _Optional[int] = ...) -> None: ...

class GetContextRequest(_message.Message):
    __slots__ = ["context_id"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    def __init__(self, context_id: _Optional[str] = ...) -> None: ...

class GetContextResponse(_message.Message):
    __slots__ = ["context"]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    context: AsyncContext
    def __init__(self, context: _Optional[_Union[AsyncContext, _Mapping]] = ...) -> None: ...

class InitRequest(_message.Message):
    __slots__ = ["depth", "device", "flags"]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    depth: int
    device: str
    flags: int
    def __init__(self, device: _Optional[str] = ..., depth: _Optional[int] = ..., flags: _Optional[int] = ...) -> None: ...

class InitResponse(_message.Message):
    __slots__ = ["context"]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    context: AsyncContext
    def __init__(self, context: _Optional[_Union[AsyncContext, _Mapping]] = ...) -> None: ...

class PokeRequest(_message.Message):
    __slots__ = ["context_id", "max"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    max: int
    def __init__(self, context_id: _Optional[str] = ..., max: _Optional[int] = ...) -> None: ...

class PokeResponse(_message.Message):
    __slots__ = ["completions"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    def __init__(self, completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ...) -> None: ...

class StreamCompletionsRequest(_message.Message):
    __slots__ = ["context_id", "resume_after_sequence"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    resume_after_sequence: int
    def __init__(self, context_id: _Optional[str] = ..., resume_after_sequence: _Optional[int] = ...) -> None: ...

class StreamCompletionsResponse(_message.Message):
    __slots__ = ["completions"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    def __init__(self, completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ...) -> None: ...

class SubmitRequest(_message.Message):
    __slots__ = ["commands", "context_id", "wait_for_room"]
    COMMANDS_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    WAIT_FOR_ROOM_FIELD_NUMBER: _ClassVar[int]
    commands: _containers.RepeatedCompositeFieldContainer[_command_pb2.Command]
    context_id: str
    wait_for_room: _duration_pb2.Duration
    def __init__(self, context_id: _Optional[str] = ..., commands: _Optional[_Iterable[_Union[_command_pb2.Command, _Mapping]]] = ..., wait_for_room: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SubmitResponse(_message.Message):
    __slots__ = ["outstanding", "submitted"]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    outstanding: int
    submitted: int
    def __init__(self, submitted: _Optional[int] = ..., outstanding: _Optional[int] = ...) -> None: ...

class TermRequest(_message.Message):
    __slots__ = ["context_id"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    def __init__(self, context_id: _Optional[str] = ...) -> None: ...

class TermResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class WaitRequest(_message.Message):
    __slots__ = ["context_id"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    def __init__(self, context_id: _Optional[str] = ...) -> None: ...

class WaitResponse(_message.Message):
    __slots__ = ["completions"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    def __init__(self, completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ...) -> None: ...
