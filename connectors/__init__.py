"""Connectors: I/O against data stores (databases, logs, object storage). No detection here.

See :mod:`connectors.base` for the protocol and the exception hierarchy.
"""

from connectors.base import (
    Checkpoint,
    Connector,
    ConnectorError,
    ContainerInfo,
    ContainerUnavailable,
    FieldSpec,
    ForeignKey,
    Record,
    ScanIssue,
    SourceUnavailable,
    StreamItem,
)
from connectors.memory import MemoryConnector, MemoryTable

__all__ = [
    "Checkpoint",
    "Connector",
    "ConnectorError",
    "ContainerInfo",
    "ContainerUnavailable",
    "FieldSpec",
    "ForeignKey",
    "MemoryConnector",
    "MemoryTable",
    "Record",
    "ScanIssue",
    "SourceUnavailable",
    "StreamItem",
]
