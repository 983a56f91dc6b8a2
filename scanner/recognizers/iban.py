"""IBAN_CODE: international bank account numbers, mod-97 and country length checked."""

from __future__ import annotations

from typing import ClassVar

from scanner.checksums import IBAN_LENGTHS, iban_valid
from scanner.recognizers.base import RegexRecognizer

_IBAN = r"(?<![\w])(?P<value>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![\w])"


class PdmapIbanRecognizer(RegexRecognizer):
    ENTITY = "IBAN_CODE"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (("iban", _IBAN, 1.0),)
    CONTEXT = ("iban", "bank", "account", "transfer")
    CONTEXT_KEY = "BANK"

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """Cut the match at the country's IBAN length, so a following word is not swallowed."""
        del pattern
        wanted = IBAN_LENGTHS.get(text[start : start + 2].upper())
        if wanted is None:
            return (start, end) if iban_valid(text[start:end]) else None
        seen = 0
        for pos in range(start, end):
            if text[pos] != " ":
                seen += 1
            if seen == wanted:
                cut = pos + 1
                if cut < len(text) and text[cut].isalnum() and text[cut - 1] != " ":
                    return None
                return (start, cut) if iban_valid(text[start:cut]) else None
        return None
