from lightnvm.v1 import device_pb2 as _device_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ClusterDevice(_message.Message):
    __slots__ = ["capacity_bytes", "geometry", "name", "node_address"]
    CAPACITY_BYTES_FIELD_NUMBER: _ClassVar[int]
    GEOMETRY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NODE_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    capacity_bytes: int
    geometry: _device_pb2.Geometry
    name: str
    node_address: str
    def __init__(self, name: _Optional[str] = ..., node_address: _Optional[str] = ..., geometry: _Optional[_Union[_device_pb2.Geometry, _Mapping]] = ..., capacity_bytes: _Optional[int] = ...) -> None: ...

class ListClusterDevicesRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListClusterDevicesResponse(_message.Message):
    __slots__ = ["devices"]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedCompositeFieldContainer[ClusterDevice]
    def __init__(self, devices: _Optional[_Iterable[_Union[ClusterDevice, _Mapping]]] = ...) -> None: ...

class WatchClusterDevicesRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class WatchClusterDevicesResponse(_message.Message):
    __slots__ = ["devices"]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedCompositeFieldContainer[ClusterDevice]
    def __init__(self, devices: _Optional[_Iterable[_Union[ClusterDevice, _Mapping]]] = ...) -> None: ...
