"""Datamap: the catalog, the graph, subject resolution, access and erasure planning.

Arrives with the subject-rights issue.
"""

__all__: list[str] = []
