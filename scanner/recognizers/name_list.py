"""PERSON from name lists: a given name directly followed by a surname (``Emmie Ström``).

NER finds names by their shape and context and misses many it has not seen in a context it
knows (``verses from Emmie Ström's Cautionary Tales``, ``have you heard nijito asano speak``).
A given name followed by a surname, both in the lists of 86 locales
(``scanner/data/person_names.json``, from Faker's person providers), is a name in most texts.
The exceptions kept out:

- the words are written alike: both capitalised (not all capitals), or both lower case on a
  line without a capital letter (a name typed without capitals), with an optional initial
  between them (``hyuuma t. maida``);
- a stop word does not start one (``Mina Sidor``, ``Will Park``; NER and the context patterns
  find ``Per Holm``), and a lower-case pair has no stop word at all;
- a street is no person: a house number before or after (``Joaquin Suarez 2906``; not a
  date, a time or a phone number), a street word as the surname or after it (``Devon
  Street``, ``Berg Hills Street``);
- a company is no person: a company form after (``Ek Lind AB``), or NER calls the words an
  organisation or a place (``Washington Post``), unless a middle initial makes them a
  person's (``Maja S Hermansen``); nor is a building or institution (``Anna Lind Hospital``,
  ``ben hjel country club``).

In an English line typed without capitals the surname may be one the lists lack, when it is
no common word (``eva kleist``, ``olga krylova``; not ``maria yesterday``).

A capitalised surname after the pair, or a given name before it, joins it (``Maria Pietilä
Holmner``). The score is below NER's and the address patterns', so they win a conflict.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from scanner.nlp import NerArtifacts, common_words
from scanner.recognizers.base import recognizer_result
from scanner.recognizers.name_shapes import HONORIFICS, PLACE_PREFIXES
from scanner.recognizers.person_context import COMPANY_FORM, INSTITUTION_WORDS
from scanner.recognizers.street_address import STREET_TYPE
from scanner.resources import (
    VERY_FREQUENT_WORD_BINS,
    PersonNames,
    common_vocabulary,
    frequent_vocabulary,
    person_names,
)

__all__ = ["PdmapNameListRecognizer", "find_names"]

SCORE = 0.6
_EXPLANATION = "given name and surname from the name lists"
_WORD = re.compile(r"[^\W\d_][\w\-]*(?:['’][^\W\d_]{2,}[\w\-]*)*")
# between two parts of a name: spaces, or an initial ("Maja S Hermansen", "hyuuma t. maida")
_GAP = re.compile(r"[ \t]{1,2}(?:[^\W\d_]\.?[ \t]{1,2})?")
_INITIAL = re.compile(r"[ \t][^\W\d_]\.?[ \t]")
# a house number before the pair ("12 Anna Lindhs plats"), not a date, a time or the end
# of a phone number ("2024-03-01 Anna Berg", "10:00 Anna Berg", "070-123 45 67 Anna Berg")
_NUMBER_BEFORE = re.compile(r"(?<![\w\-:./])(?<!\d[ ])\d{1,6}[A-Za-z]?,?[ \t]+$")
_DIGIT_BEFORE = re.compile(r"\d[ \t,]*$")
# a surname that is a street word makes the pair a street ("Devon Street", "Victoria Close")
_STREET_SURNAME = re.compile(rf"{STREET_TYPE}\.?")
_AFTER = re.compile(
    # a house number after it ("Joaquin Suarez 2906"), not a phone number ("Anna Berg 070-12",
    # "Renata Vučin 07700 900456": a leading zero, or another group of digits after it)
    r"[ \t]+(?!0)\d{1,5}[A-Za-z]?(?![\w\-]|[ \t]\d)"
    rf"|[ \t]+{COMPANY_FORM}\.?(?![\w])"
    rf"|[ \t]+(?:{STREET_TYPE}|Hills|Dale|Estates|Station|Bridge"
    r"|väg|vägen|gata|gatan|gränd|torg|torget|plan|allé|backe|stig)\.?(?![\w])"
)
_VOWEL = re.compile(r"[aeiouyåäöæøéèêëáàíìóòúùüőű]", re.IGNORECASE)
_TWO_WORDS_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?")
# a lower-case pair after a determiner is an adjective and a noun ("det ena benet")
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w])(?:the|a|an|this|that|these|those|det|den|de|en|ett|denna|detta|dessa|sin|sitt"
    r"|min|mitt|din|ditt|vår|vårt)[ \t]+$"
)
_ORGANISATION_OR_PLACE = frozenset({"ORGANIZATION", "LOCATION"})


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


class PdmapNameListRecognizer(LocalRecognizer):
    """A given name and a surname from the lists, side by side."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            supported_language=language,
            name="PdmapNameListRecognizer",
        )

    def load(self) -> None:
        """Read the lists now (Presidio calls this when the recognizer is built), so that forked
        workers share them instead of each reading its own copy."""
        person_names()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        others = (
            [m for m in nlp_artifacts.mentions if m.label in _ORGANISATION_OR_PLACE]
            if isinstance(nlp_artifacts, NerArtifacts)
            else []
        )
        return [
            recognizer_result(self, "PERSON", (start, end), SCORE, _EXPLANATION)
            for start, end in find_names(text, unknown_surnames=self.supported_language == "en")
            if _INITIAL.search(text, start, end)  # "Maja S Hermansen": no company's name
            or not any(m.start < end and start < m.end for m in others)
        ]


def find_names(text: str, unknown_surnames: bool = False) -> list[tuple[int, int]]:
    """Spans of given name + surname pairs in ``text`` (see the module docstring).
    ``unknown_surnames``: in a line typed without capitals, a listed given name may be followed
    by a surname the lists lack when that word is no common word (``eva kleist``, ``olga
    krylova``); only for English, where inflected words are few enough for the common-word
    lists to hold them."""
    names = person_names()
    stop = common_words()
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words) - 1:
        first, later = words[index], index + 1
        if len(words[later].group()) == 1 and later + 1 < len(words):
            later += 1  # an initial between the names ("Maja S Hermansen", "hyuuma t. maida")
        if _GAP.fullmatch(text, first.end(), words[later].start()) is None:
            index += 1
            continue
        second = words[later]
        start, end = first.start(), second.end()
        if (
            not _pair(text, start, first.group(), second.group(), names, stop, unknown_surnames)
            or _STREET_SURNAME.fullmatch(second.group())
            or _AFTER.match(text, end)
            or _institution_after(text, start, end)
            or _NUMBER_BEFORE.search(text, max(0, start - 12), start)
            # lower case is weaker evidence: any number right before ("389 167 king alexander")
            or (first.group().islower() and _DIGIT_BEFORE.search(text, max(0, start - 4), start))
        ):
            index += 1
            continue
        found.append(_widen(text, words, index, later, names, stop))
        index = later + 1
    return found


def _institution_after(text: str, start: int, end: int) -> bool:
    """A building or institution word in the next two words (``Anna Lind Hospital``, ``ben
    hjel country club``), capitalised after a capitalised pair (``Anna Lind band`` goes on
    about Anna)."""
    after = _TWO_WORDS_AFTER.match(text, end)
    lower_pair = text[start:end].islower()
    return after is not None and any(
        word is not None
        and word.lower() in INSTITUTION_WORDS
        and (lower_pair or word[:1].isupper())
        for word in after.groups()
    )


def _pair(
    text: str,
    start: int,
    given: str,
    surname: str,
    names: PersonNames,
    stop: frozenset[str],
    unknown_surnames: bool = False,
) -> bool:
    low_given, low_surname = given.lower(), surname.lower()
    if low_given not in names.given or low_given in stop:
        return False
    if low_given in HONORIFICS or low_given in PLACE_PREFIXES:
        return False  # "Captain Huff", "North Christopher" (the lists know both as given names)
    listed = low_surname in names.surnames
    if listed and _capitalised(given) and _capitalised(surname):
        return True
    unknown = (
        unknown_surnames
        and low_given not in frequent_vocabulary(VERY_FREQUENT_WORD_BINS)  # "said niyaga"
        and len(surname) >= 3
        and surname.isalpha()
        and _VOWEL.search(surname) is not None  # not "lmk", "brb"
        and low_surname not in common_vocabulary()
    )
    if (
        (listed or unknown)
        and given.islower()
        and surname.islower()
        and low_surname not in stop
        and not _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
    ):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return not any(ch.isupper() for ch in line)
    return False


def _widen(
    text: str,
    words: list[re.Match[str]],
    first: int,
    last: int,
    names: PersonNames,
    stop: frozenset[str],
) -> tuple[int, int]:
    """A capitalised given name before the pair and a capitalised surname after it join it."""
    start, end = words[first].start(), words[last].end()
    if last + 1 < len(words):
        after = words[last + 1]
        word = after.group()
        if (
            text[end : after.start()] == " "
            and _capitalised(word)
            and word.lower() in names.surnames
            and word.lower() not in stop
            and not _AFTER.match(text, after.end())
        ):
            end = after.end()
    if first > 0:
        before = words[first - 1]
        word = before.group()
        if (
            text[before.end() : start] == " "
            and _capitalised(word)
            and word.lower() in names.given
            and word.lower() not in stop
            and word.lower() not in HONORIFICS  # "Sister [Anna Berg]"
        ):
            start = before.start()
    return start, end
