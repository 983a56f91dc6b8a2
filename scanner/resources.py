"""Files shipped inside the ``scanner`` package (context words, the Swedish NER model).

Located next to this module rather than through ``importlib.resources``, which an editable
install can turn into a namespace lookup; pdmap is never run from a zip.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["PACKAGE_DIR", "read_context_file"]

PACKAGE_DIR = Path(__file__).resolve().parent


def read_context_file() -> dict[str, Any]:
    """``scanner/data/sv_context_words.json``: Swedish context words and column names."""
    path = PACKAGE_DIR / "data" / "sv_context_words.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
