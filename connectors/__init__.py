"""Connectors: I/O against data stores (databases, logs, object storage). No detection here.

See :mod:`connectors.base` for the protocol and the exception hierarchy.
"""

from connectors.base import (
    Checkpoint,
    Connector,
    ConnectorBase,
    ConnectorError,
    ContainerChanged,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    ForeignKey,
    KeyedLookup,
    Record,
    ScanIssue,
    SourceUnavailable,
    StreamItem,
)
from connectors.logs import LogConnector, LogSettings
from connectors.memory import MemoryConnector, MemoryTable
from connectors.s3 import S3Connector, S3Settings

__all__ = [
    "Checkpoint",
    "Connector",
    "ConnectorBase",
    "ConnectorError",
    "ContainerChanged",
    "ContainerInfo",
    "ContainerUnavailable",
    "FieldSpec",
    "ForeignKey",
    "KeyedLookup",
    "LogConnector",
    "LogSettings",
    "MemoryConnector",
    "MemoryTable",
    "Record",
    "S3Connector",
    "S3Settings",
    "ScanIssue",
    "SourceUnavailable",
    "StreamItem",
]
