from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
ERROR_REASON_CLUSTER_DISABLED: ErrorReason
ERROR_REASON_CLUSTER_UNAVAILABLE: ErrorReason
ERROR_REASON_CONTEXT_NOT_FOUND: ErrorReason
ERROR_REASON_CREDIT_EXCEEDED: ErrorReason
ERROR_REASON_DEVICE_ERROR: ErrorReason
ERROR_REASON_DEVICE_NOT_FOUND: ErrorReason
ERROR_REASON_INVALID_REQUEST: ErrorReason
ERROR_REASON_QUEUE_FULL: ErrorReason
ERROR_REASON_SHUTTING_DOWN: ErrorReason
ERROR_REASON_STREAM_ATTACHED: ErrorReason
ERROR_REASON_TOO_MANY_CONTEXTS: ErrorReason
ERROR_REASON_UNSPECIFIED: ErrorReason

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
