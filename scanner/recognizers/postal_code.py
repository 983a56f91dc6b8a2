"""POSTAL_CODE: postal codes on their own (Swedish ``NNN NN``, US ZIP, UK postcode).

A Swedish postnummer followed by a town name stands alone; other shapes need a context word.
Inside a full street address the STREET_ADDRESS span wins.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer

_R = r"(?![\w\-/]|[.,]\d)"


class PdmapPostalCodeRecognizer(RegexRecognizer):
    ENTITY = "POSTAL_CODE"
    FLAGS = 0
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "postnummer + ort",
            r"(?<![\w\-./:])(?:SE-?\s?)?(?P<value>[1-9]\d{2}\s\d{2})(?=\s[A-ZÅÄÖ][a-zåäö]{2,})",
            0.6,
        ),
        ("postnummer", r"(?<![\w\-./:])(?:SE-?\s?)?(?P<value>[1-9]\d{2}\s?\d{2})" + _R, WEAK),
        ("zip", r"(?<![\w\-./:$€£])\d{3,5}(?:-\d{4})?" + _R, WEAK),
        ("uk postcode", r"(?<![\w\-])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w\-])", 0.3),
    )
    CONTEXT = ("zip", "postal", "postcode", "post code", "zipcode")
    CONTEXT_KEY = "SE_POSTNUMMER"
