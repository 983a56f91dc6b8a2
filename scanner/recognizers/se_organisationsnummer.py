"""SE_ORGANISATIONSNUMMER: Swedish organisation numbers (NNNNNN-NNNN, third digit >= 2, Luhn)."""

from __future__ import annotations

from typing import ClassVar

from scanner.checksums import luhn_valid
from scanner.recognizers.base import WEAK, RegexRecognizer

# Never inside an IBAN, a longer digit run or a dotted/dashed number.
_L = r"(?<![\w\-./+])(?:16)?"
_R = r"(?![\w\-/]|[.,]\d)"


class PdmapSeOrganisationsnummerRecognizer(RegexRecognizer):
    ENTITY = "SE_ORGANISATIONSNUMMER"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("separated", _L + r"[1-9]\d[2-9]\d{3}-\d{4}" + _R, 0.6),
        ("bare", _L + r"[1-9]\d[2-9]\d{7}" + _R, WEAK),
    )
    CONTEXT = (
        "organisation number",
        "organization number",
        "company number",
        "corporate id",
        "vat",
    )
    CONTEXT_KEY = "SE_ORGANISATIONSNUMMER"

    def check(self, value: str) -> bool:
        digits = value.replace("-", "")
        return luhn_valid(digits[-10:])
