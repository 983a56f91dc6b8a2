"""SE_BANKGIRO: Swedish bankgiro numbers (NNN-NNNN or NNNN-NNNN, Luhn); context required."""

from __future__ import annotations

from typing import ClassVar

from scanner.checksums import luhn_valid
from scanner.recognizers.base import WEAK, RegexRecognizer


class PdmapSeBankgiroRecognizer(RegexRecognizer):
    ENTITY = "SE_BANKGIRO"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("bankgiro", r"(?<![\w\-./])\d{3,4}-\d{4}(?![\w\-/]|[.,]\d)", WEAK),
    )
    CONTEXT = ("bankgiro", "bg", "bankgironummer", "bg-nummer", "bgnr", "giro")

    def check(self, value: str) -> bool:
        return luhn_valid(value.replace("-", ""))
