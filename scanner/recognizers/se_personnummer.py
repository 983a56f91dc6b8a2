"""SE_PERSONNUMMER: Swedish personal identity and co-ordination numbers (samordningsnummer)."""

from __future__ import annotations

from typing import ClassVar

from scanner.personnummer import parse_personnummer
from scanner.recognizers.base import STRONG, RegexRecognizer

_EDGE_L = r"(?<![\w+\-./:])"
_EDGE_R = r"(?![\w\-/]|[.:,]\d)"
_DATE10 = r"\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]|[6-8]\d|9[01])"
_DATE12 = r"(?:18|19|20)" + _DATE10
_SERIAL = r"[\dTRSUWXJKLMN]\d{3}"


class PdmapSePersonnummerRecognizer(RegexRecognizer):
    ENTITY = "SE_PERSONNUMMER"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("12 digits, separator", _EDGE_L + _DATE12 + r"[-+]" + _SERIAL + _EDGE_R, 1.0),
        ("10 digits, separator", _EDGE_L + _DATE10 + r"[-+]" + _SERIAL + _EDGE_R, STRONG),
        ("12 digits", _EDGE_L + _DATE12 + _SERIAL + _EDGE_R, 0.85),
        # Ten bare digits are often phone, order or account numbers that happen to pass the
        # check: report them only with a context word (pnr, personnummer, ...).
        ("10 digits", _EDGE_L + _DATE10 + _SERIAL + _EDGE_R, 0.45),
    )
    CONTEXT = ("personal identity", "ssn", "national id", "civic", "identity number")
    CONTEXT_KEY = "SE_PERSONNUMMER"

    def check(self, value: str) -> bool:
        return parse_personnummer(value) is not None
