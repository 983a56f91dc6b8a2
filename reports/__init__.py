"""Reports: findings records, the data map and Art. 30 record (JSON, CSV, Markdown, HTML).

See :mod:`reports.findings`, :mod:`reports.datamap` (the model) and :mod:`reports.render`.
"""

__all__: list[str] = []
