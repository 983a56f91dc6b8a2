"""Reports: data map, Art. 30 record, findings rendered as HTML/CSV/JSON/Markdown.

Arrives with the reports issue.
"""

__all__: list[str] = []
