"""An example Python client for lnvmd, over the stubs generated from proto/lightnvm/v1."""

from .client import Client, Context
from .commands import Sector, address, erase_command, read_command, write_command
from .errors import LNVM_DOMAIN, FieldViolation, LnvmError

__all__ = [
    "LNVM_DOMAIN",
    "Client",
    "Context",
    "FieldViolation",
    "LnvmError",
    "Sector",
    "address",
    "erase_command",
    "read_command",
    "write_command",
]
