"""Connectors: I/O against data stores (databases, logs, object storage). No detection.

The Connector protocol and its implementations arrive with the scan issue.
"""

__all__: list[str] = []
