"""POSTAL_CODE: postal codes on their own (Swedish ``NNN NN``, US ZIP, UK postcode).

A Swedish postnummer followed by a town name stands alone, and so does a four- or five-digit
code after a town the gazetteer knows (``in Bjert 6091``); other shapes need a context word.
Inside a full street address the STREET_ADDRESS span wins.
"""

from __future__ import annotations

import re
from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer
from scanner.resources import place_names

_R = r"(?![\w\-/]|[.,]\d)"
_STREET_WORD = (
    r"(?:Rue|Avenue|Av|Via|Viale|Calle|Rua|Street|St|Road|Rd|Lane|Ln|Drive|Dr|Boulevard"
    r"|Blvd|Way|Place|Pl|Court|Ct|Terrace|Crescent|Square|Str)"
)


# one or two capitalised words of a town's name
_TOWN = r"[A-ZÅÄÖÆØÉÜ][\w'’\-]+(?:[ ][A-ZÅÄÖÆØÉÜ][\w'’\-]+)?"
_TOWN_BEFORE = re.compile(rf"({_TOWN})[ ]$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


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
        (
            # a listed town and a four- or five-digit code after it in prose: "in Bjert 6091",
            # "at Alavus 78597" (see accept: the town in the gazetteer, the code no year)
            "town and code",
            rf"(?<![\w\-]){_TOWN}[ ](?P<value>\d{{4,5}})" + _R,
            0.6,
        ),
    )
    CONTEXT = ("zip", "postal", "postcode", "post code", "zipcode")
    CONTEXT_KEY = "SE_POSTNUMMER"

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """After a town, a code that is no year (``Stockholm 2019``) and a town the gazetteer
        knows (:func:`scanner.resources.place_names`)."""
        if pattern == "town and code":
            town = _TOWN_BEFORE.search(text, max(0, start - 60), start)
            if _YEAR.fullmatch(text, start, end) or not (
                town and place_names().knows(town.group(1))
            ):
                return None
        return super().accept(text, start, end, pattern)
