"""SE_PLUSGIRO: Swedish PlusGiro numbers (up to 8 digits, dash before the Luhn check digit)."""

from __future__ import annotations

from typing import ClassVar

from scanner.checksums import luhn_valid
from scanner.recognizers.base import WEAK, RegexRecognizer


class PdmapSePlusgiroRecognizer(RegexRecognizer):
    ENTITY = "SE_PLUSGIRO"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "plusgiro",
            r"(?<![\w\-./])(?:\d{1,2}(?:\s\d{2}){0,3}|\d{1,7})-\d(?![\w\-/]|[.,]\d)",
            WEAK,
        ),
    )
    CONTEXT = ("plusgiro", "pg", "postgiro", "plusgironummer", "pgnr")

    def check(self, value: str) -> bool:
        digits = value.replace("-", "").replace(" ", "")
        return len(digits) >= 2 and luhn_valid(digits)
