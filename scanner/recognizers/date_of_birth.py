"""DATE_OF_BIRTH: a date next to a birth word (``född``, ``födelsedatum``, ``DOB``, ``born``).

Dates alone are everywhere in logs and tickets; only the context word makes one personal.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer

_MONTHS = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:s|ch)?|apr(?:il)?|maj|may|jun[ei]?"
    r"|jul[iy]?|aug(?:usti|ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?)\.?"
)
_L = r"(?<![\w\-./:])"
_R = r"(?![\w\-/:]|[.,]\d)"


class PdmapDateOfBirthRecognizer(RegexRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    REQUIRES = r"\d"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "iso",
            _L
            + r"(?:19|20)\d{2}(?P<sep>[-/.])(?:0[1-9]|1[0-2])(?P=sep)(?:0[1-9]|[12]\d|3[01])"
            + _R,
            WEAK,
        ),
        # two-digit years, as people write them after "född" / "DOB" (85-03-14, 14.3.85, 850314)
        (
            "short year y-m-d",
            _L + r"\d{2}(?P<sep>-?)(?:0[1-9]|1[0-2])(?P=sep)(?:0[1-9]|[12]\d|3[01])" + _R,
            WEAK,
        ),
        (
            "short year d/m/y",
            _L + r"(?:0?[1-9]|[12]\d|3[01])(?P<sep>[./\-])(?:0?[1-9]|1[0-2])(?P=sep)\d{2}" + _R,
            WEAK,
        ),
        ("short year m/d/y", _L + r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/\d{2}" + _R, WEAK),
        (
            "numeric d/m/y",
            _L
            + r"(?:0?[1-9]|[12]\d|3[01])(?P<sep>[./\-])(?:0?[1-9]|1[0-2])(?P=sep)(?:19|20)\d{2}"
            + _R,
            WEAK,
        ),
        # "född 14/3 1985": day/month, then the year after a space
        (
            "day/month year",
            _L + r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])\s(?:19|20)\d{2}" + _R,
            WEAK,
        ),
        # "födelsedatum=19850314": eight digits, not the start of a personnummer
        ("compact", _L + r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])" + _R, WEAK),
        (
            "numeric m/d/y",
            _L + r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}" + _R,
            WEAK,
        ),
        # "14 March 1985", "14:e mars 1985", "14-Mar-1985"
        (
            "day month year",
            _L + rf"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|:[ea])?(?P<sep>[\s\-]){_MONTHS}"
            rf"(?P=sep)(?:19|20)\d{{2}}" + _R,
            WEAK,
        ),
        # "född 14/3-85", "14/3-1985": the Swedish day/month-year
        (
            "day/month-year",
            _L + r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])-(?:(?:19|20)\d{2}|\d{2})" + _R,
            WEAK,
        ),
        (
            "month day year",
            _L + rf"{_MONTHS}\s(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s(?:19|20)\d{{2}}" + _R,
            WEAK,
        ),
    )
    # with the Swedish words as machine keys write them (ASCII-folded) and abbreviated
    CONTEXT = (
        "born", "birth", "dob", "birthday", "d.o.b", "fodelsedatum", "fodd", "fodelsedag",
        "fdat", "fdatum",
    )  # fmt: skip
    CONTEXT_KEY = "DATE_OF_BIRTH"
