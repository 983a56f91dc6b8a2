"""The identifier extractor behind the identifier index: regexes and validators only, fast.

It finds the values that identify a person (e-mail, personnummer/samordningsnummer, phone)
in any string and returns them normalised, so the scan can store keyed fingerprints and record
locations without running the full detector over every row and line.

:meth:`IdentifierExtractor.extract_fields` takes the fields of one record. Each value is
searched only where an identifier can be: around each ``@`` for e-mail, inside runs of digits
(with spaces, dashes, slashes, plus) for personnummer and phone numbers; the precise patterns,
whose look-behind makes them slow to try at every position, run only there. What a field value
holds is remembered per extractor (bounded; cleared when full), and so are validated
candidates (phonenumbers' parse, the personnummer check), because logs repeat the same values
and the same people line after line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import phonenumbers

from scanner.fields import value_text
from scanner.normalize import normalise
from scanner.personnummer import parse_personnummer
from scanner.recognizers.email import EMAIL_PATTERN
from scanner.recognizers.ip_address import IPV4_PATTERN, IPV6_PATTERN, machine_address

__all__ = ["IDENTIFIER_TYPES", "QUASI_IDENTIFIER_TYPES", "Found", "IdentifierExtractor"]

IDENTIFIER_TYPES = ("EMAIL_ADDRESS", "SE_PERSONNUMMER", "PHONE_NUMBER")
# Indexed too, but only from fields classified as such, and never enough to tell a person:
# subject resolution follows them only from a record that ties them to the person.
QUASI_IDENTIFIER_TYPES = ("IP_ADDRESS",)
_IP = re.compile(f"{IPV4_PATTERN}|{IPV6_PATTERN.replace('?P<value>', '?P<v6>')}", re.IGNORECASE)

_SHORTEST = 8  # the shortest phone number or personnummer the patterns admit, in characters
_MEMO_TEXT = 256  # field values up to this length are remembered with what they hold
_EMAIL = re.compile(EMAIL_PATTERN)  # the recognizer's pattern, without its TLD check
_PNR = re.compile(
    r"(?<![\w+\-./:])(?:(?:(?:18|19|20)\d{6}|\d{6})[-+]\d{4}|(?:18|19|20)\d{10})"
    r"(?![\w\-/]|[.:,]\d)"
)
_PNR_BARE10 = re.compile(r"(?<![\w+\-./:])\d{10}(?![\w\-/]|[.:,]\d)")
_PHONE = re.compile(
    r"(?<![\w+\-./:,])(?:\+|00)\d[\d \-]{6,16}\d(?![\w\-/]|[.,]\d)"
    r"|(?<![\w+\-./:,])0\d{1,3}[ \-/]?\d[\d \-]{4,11}\d(?![\w\-/]|[.,]\d)"
)
# A maximal run of the characters personnummer and phone numbers are made of, at least as long
# as the shortest of them (8). The run pattern starts with a character class, so the regex
# engine skips ahead fast; the precise patterns (with look-behind, slow to try at every
# position) then run only inside the runs.
_RUN = re.compile(r"[+\d][\d \-/+]{6,}\d")
_EMAIL_LOCAL = frozenset("!#$%&'*+/?^`{|}~-._")
_DOMAIN = re.compile(r"[\w.\-]*")


@dataclass(frozen=True, slots=True)
class Found:
    entity_type: str
    normalised: str


class IdentifierExtractor:
    """Extracts normalised identifiers from text. ``bare_personnummer`` admits 10 bare digits
    (only for fields whose name says personnummer). ``cache_size`` bounds the memo of validated
    candidates (it is cleared when full)."""

    def __init__(self, cache_size: int = 100_000) -> None:
        self._cache_size = cache_size
        self._phones: dict[str, str | None] = {}
        self._pnrs: dict[str, str | None] = {}
        self._texts: dict[str, tuple[Found, ...]] = {}  # whole field values (logs repeat them)
        self._ips: dict[str, tuple[Found, ...]] = {}

    def extract(self, text: str, bare_personnummer: bool = False) -> Iterator[Found]:
        for _, found in self.extract_fields([(None, text)], [None] if bare_personnummer else ()):
            yield found

    def extract_fields(
        self,
        texts: Iterable[tuple[str | None, Any]],
        bare_personnummer: Collection[str | None] = (),
    ) -> list[tuple[str | None, Found]]:
        """``(field, found)`` for every identifier in the ``(field, value)`` pairs of one record,
        in field order; ``bare_personnummer`` names the fields where 10 bare digits count.
        Values that are not text go through :func:`value_text` (binary ones are skipped)."""
        out: list[tuple[str | None, Found]] = []
        memo = self._texts
        for name, value in texts:
            text = value if type(value) is str else value_text(value)
            if text is None or (len(text) < _SHORTEST and "@" not in text):
                continue  # too short to hold a phone number or personnummer
            bare = name in bare_personnummer if bare_personnummer else False
            key = f"\x00{text}" if bare else text
            found = memo.get(key)
            if found is None:
                found = self._scan(text, bare)
                if len(text) <= _MEMO_TEXT:
                    if len(memo) >= self._cache_size:
                        memo.clear()
                    memo[key] = found
            for hit in found:
                out.append((name, hit))
        return out

    def ip_addresses(self, text: str) -> tuple[Found, ...]:
        """The IP addresses in ``text`` (a field classified IP_ADDRESS), normalised."""
        found = self._ips.get(text)
        if found is None:
            hits = []
            for match in _IP.finditer(text):
                value = match.group("value") or match.group("v6")
                if not machine_address(value):
                    continue  # 127.0.0.1 or a netmask links no one to anyone
                try:
                    hits.append(Found("IP_ADDRESS", normalise("IP_ADDRESS", value)))
                except ValueError:
                    continue
            found = tuple(hits)
            if len(text) <= _MEMO_TEXT:
                if len(self._ips) >= self._cache_size:
                    self._ips.clear()
                self._ips[text] = found
        return found

    def spans(self, text: str, bare_personnummer: bool = False) -> list[tuple[int, int, Found]]:
        """``(start, end, found)`` of every identifier in ``text``, in order (not remembered):
        what redaction and bystander protection need."""
        return self._hits(text, bare_personnummer)

    def _scan(self, text: str, bare_personnummer: bool) -> tuple[Found, ...]:
        return tuple(found for _, _, found in self._hits(text, bare_personnummer))

    def _hits(self, text: str, bare_personnummer: bool) -> list[tuple[int, int, Found]]:
        hits: list[tuple[int, int, Found]] = []
        if "@" in text:
            hits.extend(_emails(text))
        runs = [(run.start(), min(len(text), run.end() + 2)) for run in _RUN.finditer(text)]
        if not runs:
            return hits
        taken: list[tuple[int, int]] = []
        for begin, end in runs:
            # Every personnummer and phone lies inside such a run: search only there (its
            # end + 2 lets the patterns' look-ahead see what follows; look-behind sees before).
            patterns = (_PNR, _PNR_BARE10) if bare_personnummer else (_PNR,)
            for pattern in patterns:
                for match in pattern.finditer(text, begin, end):
                    if (canonical := self._personnummer(match.group())) is not None:
                        taken.append(match.span())
                        hits.append((*match.span(), Found("SE_PERSONNUMMER", canonical)))
        for begin, end in runs:
            for match in _PHONE.finditer(text, begin, end):
                start, stop = match.span()
                if any(start < e and s < stop for s, e in taken):
                    continue
                candidate = match.group()
                if (e164 := self._phone(candidate.strip())) is not None:
                    lead = len(candidate) - len(candidate.lstrip())
                    trail = len(candidate) - len(candidate.rstrip())
                    hits.append((start + lead, stop - trail, Found("PHONE_NUMBER", e164)))
        hits.sort(key=lambda hit: hit[0])
        return hits

    def _personnummer(self, candidate: str) -> str | None:
        try:
            return self._pnrs[candidate]
        except KeyError:
            parsed = parse_personnummer(candidate)
            canonical = None if parsed is None else parsed.canonical
            return _remember(self._pnrs, candidate, canonical, self._cache_size)

    def _phone(self, candidate: str) -> str | None:
        try:
            return self._phones[candidate]
        except KeyError:
            pass
        e164: str | None = None
        try:
            number = phonenumbers.parse(candidate, "SE")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return _remember(self._phones, candidate, e164, self._cache_size)


def _emails(text: str) -> Iterator[tuple[int, int, Found]]:
    """What ``_EMAIL.finditer(text)`` finds, searching only around each ``@``: from the start of
    the run of local-part characters before it to the end of the domain characters after it."""
    done = 0  # end of the last match: matches do not overlap
    at = text.find("@")
    while at != -1:
        begin = at
        while begin > done and (text[begin - 1].isalnum() or text[begin - 1] in _EMAIL_LOCAL):
            begin -= 1
        domain_end = _DOMAIN.match(text, at + 1)
        end = min(len(text), (domain_end.end() if domain_end else at + 1) + 2)
        match = _EMAIL.search(text, begin, end)
        if match is not None:
            value = normalise("EMAIL_ADDRESS", match.group("value"))
            yield match.start("value"), match.end("value"), Found("EMAIL_ADDRESS", value)
            done = match.end()
            at = text.find("@", done)
        else:
            at = text.find("@", at + 1)


def _remember(cache: dict[str, str | None], key: str, value: str | None, size: int) -> str | None:
    if len(cache) >= size:
        cache.clear()
    cache[key] = value
    return value
