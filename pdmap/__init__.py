"""The ``pdmap`` command: the composition root wiring scanner, connectors, datamap, reports."""

__all__ = ["__version__"]

__version__ = "0.1.0"
