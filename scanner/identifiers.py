"""The identifier extractor behind the identifier index: regexes and validators only, fast.

It finds the values that identify a person (e-mail, personnummer/samordningsnummer, phone)
in any string and returns them normalised, so the scan can store keyed fingerprints and record
locations without running the full detector over every row and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

from scanner.normalize import normalise
from scanner.personnummer import parse_personnummer
from scanner.recognizers.email import EMAIL_PATTERN

__all__ = ["IDENTIFIER_TYPES", "IdentifierExtractor"]

IDENTIFIER_TYPES = ("EMAIL_ADDRESS", "SE_PERSONNUMMER", "PHONE_NUMBER")

_EMAIL = re.compile(EMAIL_PATTERN)  # the recognizer's pattern, without its TLD check
_PNR_SEPARATED = re.compile(
    r"(?<![\w+\-./:])(?:(?:18|19|20)\d{6}|\d{6})[-+]\d{4}(?![\w\-/]|[.:,]\d)"
)
_PNR_BARE12 = re.compile(r"(?<![\w+\-./:])(?:18|19|20)\d{10}(?![\w\-/]|[.:,]\d)")
_PNR_BARE10 = re.compile(r"(?<![\w+\-./:])\d{10}(?![\w\-/]|[.:,]\d)")
_PHONE = re.compile(
    r"(?<![\w+\-./:,])(?:\+|00)\d[\d \-]{6,16}\d(?![\w\-/]|[.,]\d)"
    r"|(?<![\w+\-./:,])0\d{1,3}[ \-/]?\d[\d \-]{4,11}\d(?![\w\-/]|[.,]\d)"
)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Found:
    entity_type: str
    normalised: str


class IdentifierExtractor:
    """Extracts normalised identifiers from text. ``bare_personnummer`` admits 10 bare digits
    (only for fields whose name says personnummer)."""

    def extract(self, text: str, bare_personnummer: bool = False) -> Iterator[Found]:
        if "@" in text:
            for match in _EMAIL.finditer(text):
                yield Found("EMAIL_ADDRESS", normalise("EMAIL_ADDRESS", match.group("value")))
        if _DIGIT.search(text) is None:
            return
        patterns = [_PNR_SEPARATED, _PNR_BARE12] + ([_PNR_BARE10] if bare_personnummer else [])
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                parsed = parse_personnummer(match.group())
                if parsed is not None:
                    taken.append(match.span())
                    yield Found("SE_PERSONNUMMER", parsed.canonical)
        for match in _PHONE.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            candidate = match.group().strip()
            try:
                number = phonenumbers.parse(candidate, "SE")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                yield Found(
                    "PHONE_NUMBER",
                    phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                )
