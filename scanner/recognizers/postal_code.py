"""POSTAL_CODE: postal codes on their own (Swedish ``NNN NN``, US ZIP, UK postcode).

A Swedish postnummer followed by a town name stands alone; other shapes need a context word.
Inside a full street address the STREET_ADDRESS span wins.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer

_R = r"(?![\w\-/]|[.,]\d)"
_STREET_WORD = (
    r"(?:Rue|Avenue|Av|Via|Viale|Calle|Rua|Street|St|Road|Rd|Lane|Ln|Drive|Dr|Boulevard"
    r"|Blvd|Way|Place|Pl|Court|Ct|Terrace|Crescent|Square|Str)"
)


class PdmapPostalCodeRecognizer(RegexRecognizer):
    ENTITY = "POSTAL_CODE"
    REQUIRES = r"\d"
    FLAGS = 0
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "postnummer + ort",
            r"(?<![\w\-./:])(?:SE-?\s?)?(?P<value>[1-9]\d{2}\s\d{2})(?=\s[A-ZÅÄÖ][a-zåäö]{2,})"
            # ... a town, not a street: "846 31 Rue Al Imam", "124 67 Devon Street West"
            # are house numbers in front of one
            rf"(?!\s(?:[A-Z][\w'’\-]*\s){{0,2}}{_STREET_WORD}\b)",
            0.6,
        ),
        ("postnummer", r"(?<![\w\-./:])(?:SE-?\s?)?(?P<value>[1-9]\d{2}\s?\d{2})" + _R, WEAK),
        ("zip", r"(?<![\w\-./:$€£])\d{3,5}(?:-\d{4})?" + _R, WEAK),
        ("uk postcode", r"(?<![\w\-])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w\-])", 0.3),
        (
            # "my zip code is 90010-170", "postnummer: 1234": any postcode shape after a
            # postcode label (Brazilian CEP, four-digit European codes)
            "after a label",
            r"(?i:zip\s?code|postal\s?code|post\s?code|postnummer|postnr)(?:\s(?:is|är))?[\s:]{1,3}"
            r"(?P<value>\d{4,5}(?:[\- ]\d{3,4})?)" + _R,
            0.7,
        ),
    )
    CONTEXT = ("zip", "postal", "postcode", "post code", "zipcode")
    CONTEXT_KEY = "SE_POSTNUMMER"
