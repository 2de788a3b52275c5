from google.protobuf import duration_pb2 as _duration_pb2
from lightnvm.v1 import command_pb2 as _command_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AcknowledgeRequest(_message.Message):
    __slots__ = ["context_id", "through"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    THROUGH_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    through: int
    def __init__(self, context_id: _Optional[str] = ..., through: _Optional[int] = ...) -> None: ...

class AcknowledgeResponse(_message.Message):
    __slots__ = ["released"]
    RELEASED_FIELD_NUMBER: _ClassVar[int]
    released: int
    def __init__(self, released: _Optional[int] = ...) -> None: ...

class AsyncContext(_message.Message):
    __slots__ = ["depth", "device", "held_bytes", "held_bytes_limit", "id", "outstanding", "pending", "submitted", "unacknowledged"]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    HELD_BYTES_FIELD_NUMBER: _ClassVar[int]
    HELD_BYTES_LIMIT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    UNACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    depth: int
    device: str
    held_bytes: int
    held_bytes_limit: int
    id: str
    outstanding: int
    pending: int
    submitted: int
    unacknowledged: int
    def __init__(self, id: _Optional[str] = ..., device: _Optional[str] = ..., depth: _Optional[int] = ..., outstanding: _Optional[int] = ..., pending: _Optional[int] = ..., unacknowledged: _Optional[int] = ..., held_bytes: _Optional[int] = ..., held_bytes_limit: _Optional[int] = ..., submitted: _Optional[int] = ...) -> None: ...

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

class ListContextsRequest(_message.Message):
    __slots__ = ["device"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: str
    def __init__(self, device: _Optional[str] = ...) -> None: ...

class ListContextsResponse(_message.Message):
    __slots__ = ["contexts"]
    CONTEXTS_FIELD_NUMBER: _ClassVar[int]
    contexts: _containers.RepeatedCompositeFieldContainer[ListedContext]
    def __init__(self, contexts: _Optional[_Iterable[_Union[ListedContext, _Mapping]]] = ...) -> None: ...

class ListedContext(_message.Message):
    __slots__ = ["context", "owner"]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    context: AsyncContext
    owner: str
    def __init__(self, context: _Optional[_Union[AsyncContext, _Mapping]] = ..., owner: _Optional[str] = ...) -> None: ...

class PokeRequest(_message.Message):
    __slots__ = ["ack_through", "context_id", "max", "max_response_bytes"]
    ACK_THROUGH_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    MAX_RESPONSE_BYTES_FIELD_NUMBER: _ClassVar[int]
    ack_through: int
    context_id: str
    max: int
    max_response_bytes: int
    def __init__(self, context_id: _Optional[str] = ..., max: _Optional[int] = ..., ack_through: _Optional[int] = ..., max_response_bytes: _Optional[int] = ...) -> None: ...

class PokeResponse(_message.Message):
    __slots__ = ["completions"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    def __init__(self, completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ...) -> None: ...

class SessionOpen(_message.Message):
    __slots__ = ["context_id", "init", "max_receive_message_bytes"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    INIT_FIELD_NUMBER: _ClassVar[int]
    MAX_RECEIVE_MESSAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    init: InitRequest
    max_receive_message_bytes: int
    def __init__(self, context_id: _Optional[str] = ..., init: _Optional[_Union[InitRequest, _Mapping]] = ..., max_receive_message_bytes: _Optional[int] = ...) -> None: ...

class SessionRequest(_message.Message):
    __slots__ = ["ack_through", "commands", "open"]
    ACK_THROUGH_FIELD_NUMBER: _ClassVar[int]
    COMMANDS_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    ack_through: int
    commands: _containers.RepeatedCompositeFieldContainer[_command_pb2.Command]
    open: SessionOpen
    def __init__(self, open: _Optional[_Union[SessionOpen, _Mapping]] = ..., commands: _Optional[_Iterable[_Union[_command_pb2.Command, _Mapping]]] = ..., ack_through: _Optional[int] = ...) -> None: ...

class SessionResponse(_message.Message):
    __slots__ = ["completions", "opened", "room", "submitted"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    OPENED_FIELD_NUMBER: _ClassVar[int]
    ROOM_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    opened: AsyncContext
    room: int
    submitted: int
    def __init__(self, opened: _Optional[_Union[AsyncContext, _Mapping]] = ..., completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ..., room: _Optional[int] = ..., submitted: _Optional[int] = ...) -> None: ...

class StreamCompletionsRequest(_message.Message):
    __slots__ = ["context_id", "hold_until_acknowledged", "max_receive_message_bytes", "resume_after_sequence"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    HOLD_UNTIL_ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    MAX_RECEIVE_MESSAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    hold_until_acknowledged: bool
    max_receive_message_bytes: int
    resume_after_sequence: int
    def __init__(self, context_id: _Optional[str] = ..., resume_after_sequence: _Optional[int] = ..., hold_until_acknowledged: bool = ..., max_receive_message_bytes: _Optional[int] = ...) -> None: ...

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
    __slots__ = ["ack_through", "context_id", "max_response_bytes"]
    ACK_THROUGH_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    MAX_RESPONSE_BYTES_FIELD_NUMBER: _ClassVar[int]
    ack_through: int
    context_id: str
    max_response_bytes: int
    def __init__(self, context_id: _Optional[str] = ..., ack_through: _Optional[int] = ..., max_response_bytes: _Optional[int] = ...) -> None: ...

class WaitResponse(_message.Message):
    __slots__ = ["completions"]
    COMPLETIONS_FIELD_NUMBER: _ClassVar[int]
    completions: _containers.RepeatedCompositeFieldContainer[_command_pb2.Completion]
    def __init__(self, completions: _Optional[_Iterable[_Union[_command_pb2.Completion, _Mapping]]] = ...) -> None: ...
