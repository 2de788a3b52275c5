"""An example Python client for lnvmd, over the stubs generated from proto/lightnvm/v1."""

from .client import DEFAULT_MAX_RECEIVE_MESSAGE_BYTES, SESSION_TAG_BASE, Client, Context
from .cluster import Cluster
from .commands import Sector, address, copy_command, erase_command, read_command, write_command
from .errors import LNVM_DOMAIN, FieldViolation, LnvmError

__all__ = [
    "DEFAULT_MAX_RECEIVE_MESSAGE_BYTES",
    "LNVM_DOMAIN",
    "SESSION_TAG_BASE",
    "Client",
    "Cluster",
    "Context",
    "FieldViolation",
    "LnvmError",
    "Sector",
    "address",
    "copy_command",
    "erase_command",
    "read_command",
    "write_command",
]
