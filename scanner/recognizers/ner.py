"""PERSON and LOCATION from the NER pipelines, with the clean-up NER output needs.

The mentions come from :class:`scanner.nlp.NerArtifacts`. A PERSON mention is split where it
runs from a speaker's name into the quote (``Elizabeth:"I'm Amanda``), trimmed of trailing
punctuation, possessive ``'s`` and a unit word (``Barbara Yudina Apt``), made whole where NER
cut a hyphenated name (``Simon-Eric Nilsson``), and dropped when it cannot be a name (digits,
``@``, all lower case, a single letter, a title, a contraction, a label or company), is a
place (one word after a locative word, ``i Lund``; after a travel word, ``flew to Loeches``;
after a house number and comma; under a place label), names a building, institution or company
(``Ellis Hospital``, ``Gröna Dalen Förskola``, ``Barnett, Melton and Garcia``), is made of
common words of the language that no name list knows (``Metallica``, ``Battery``), is one
word no name list knows where an employer is named (``Anna Berg of Guidestar``, ``works at
Factset``), is a common word in a Title Case heading (``(But Secretly Love)``), is an award,
a work's title or a product, follows an SQL keyword (``SELECT * FROM Users``), or sits on a
line labelled as a product (``Artikel: Philips Hue Starter Kit``). Capitalised words joined by
and/&/och to a name are a name too (``Marrero and Anna Berg``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult

from scanner.nlp import Mention, NerArtifacts, common_words
from scanner.recognizers.base import recognizer_result
from scanner.recognizers.name_list import find_names
from scanner.recognizers.name_shapes import (
    HONORIFICS,
    a_brand_name,
    a_firm_of_two_surnames,
    a_place_name,
    in_a_firm_name,
    where_a_firm_stands,
)
from scanner.recognizers.person_context import COMPANY_FORM, INSTITUTION_WORDS
from scanner.resources import (
    VERY_FREQUENT_WORD_BINS,
    common_unlisted,
    common_vocabulary,
    frequent_vocabulary,
    person_names,
    place_names,
)

__all__ = ["PdmapNerRecognizer"]

# trailing possessive and punctuation, and a unit word the address goes on with ("Barbara
# Yudina Apt")
_TRIM = re.compile(r"(?:['’]s|[\s.,:;!?'’\"()\-]|(?<=\s)(?:Apt|Suite|Unit|Flat|Box)\b)+$")
_LEAD = re.compile(r"^[\s.,:;!?'’\"()\-]+")
#: Score of a name found only beside another ("Marrero and Anna Berg"): below NER's.
CONJUNCT_SCORE = 0.6
_CONJUNCT_WORD = r"[A-ZÅÄÖÉÜ][\w'’\-]+"
_CONJUNCT_BEFORE = re.compile(
    rf"(?<![\w\-'’])(?P<name>{_CONJUNCT_WORD}(?:[ ]{_CONJUNCT_WORD})?)[ ](?:and|&|och|or|eller)[ ]$"
)
_CONJUNCT_AFTER = re.compile(
    rf"[ ](?:and|&|och|or|eller)[ ](?P<name>{_CONJUNCT_WORD}(?:[ ]{_CONJUNCT_WORD})?)(?![\w\-])"
)
_CONJUNCTION = re.compile(r"[ ](?:and|&|och|or|eller)[ ]")
# two bare words joined by "and", not inside a list or beside another capitalised word
# ("Marrero and Murphy were engineers"; not "Marrero and Nora Lind")
_PAIR = re.compile(
    rf"(?<![\w\-'’])(?<!,[ ])({_CONJUNCT_WORD})[ ]and[ ]({_CONJUNCT_WORD})"
    r"(?![\w\-'’]|,[ ]?\w|[ ][A-ZÅÄÖÉÜ])"
)
_CAPITALISED_BEFORE = re.compile(rf"{_CONJUNCT_WORD}[ ]$")
# a capitalised word (and the one after it) not inside a handle, a path or a hyphenated word
_GIVEN_NAME = re.compile(
    rf"(?<![\w\-'’@#./])({_CONJUNCT_WORD})(?:[ ]({_CONJUNCT_WORD}))?(?![\w\-'’@])"
)
# a word in a text typed without capitals, not inside a handle, a path or a hyphenated word
_LOWER_WORD = re.compile(r"(?<![\w\-'’@#./])[^\W\d_][\w'’]*(?![\w\-'’@]|\.\w)")
# a key or a label after the word ('"ean":', 'ean=')
_KEY_AFTER = re.compile(r"[\"']?[ \t]*[:=]")
# a given name (and an initial) before a surname in lower case ("emidio p lombardo")
_LOWER_GIVEN_BEFORE = re.compile(r"(?<![\w\-'’@#./])([^\W\d_]{2,}(?:[ ][^\W\d_]\.?)?)[ ]$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
# a street word before a name in lower case: "via tasso", "rue de ..."
_STREET_WORD_BEFORE = re.compile(
    r"(?<![\w])(?:via|viale|piazza|rue|calle|avenida|rua|ul\.?|ulica|strada|avenue|boulevard)[ ]$"
)
# the surname after a given name in lower case, with an initial and particles ("van gijn",
# "m. szász")
_LOWER_SURNAME_AFTER = re.compile(
    r"[ ](?:[^\W\d_]\.?[ ])?"
    r"(?:(?:van|von|de|der|den|da|di|du|del|della|la|le|af|al|el|bin|ibn)[ ])*"
    r"([^\W\d_][\w'’\u0300-\u036f]+(?:-[^\W\d_][\w'’\u0300-\u036f]+)?)(?![\w\-'’@])"
)
# a verb after a name: "[Gábor] returns", "[Portillo] moved", "[Miłosz] sounds", "[Sutton] said"
_VERB_AFTER = re.compile(
    r"[ ](?:(?:is|was|has|had|does|did|will|would|can|could|should|must|may|might|never"
    r"|always|also|just|then|still)\b|[a-z]{2,}(?:s|ed|ing)\b)(?![ ]*[A-Z0-9])"
)
# where every word is capitalised: a text's, a line's or a sentence's start, after a colon or an
# opening quote or bracket
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(\[|•\-–—*>])[ \t]*$")
# "Nitesh, Randi, Mária", "Sarah, Gerónimo and Hannu": single words in a list
_LIST_WORD = r"[^\W\d_][\w'’\-]*"
_NAME_LIST = re.compile(
    rf"(?<![\w\-'’]){_LIST_WORD}(?:,[ \t]+{_LIST_WORD})+"
    rf"(?:,?[ \t]+(?:and|&|och)[ \t]+{_LIST_WORD})?(?![\w\-'’]|[ \t]+[^\W\d_])"
)
_LIST_ITEM = re.compile(rf"(?<![\w\-'’])(?!(?:and|och)\b){_LIST_WORD}")
_NUMBER_AFTER = re.compile(r"[ \t]+(?:\w+[ \t]+){0,2}\d")
_NOT_A_NAME = re.compile(r"[\d@_/=#<>{}\[\]|\\]")
# "I'm", "it's", "we're": a pronoun and a verb, never a name
_CONTRACTION = re.compile(
    r"(?:i|you|we|they|he|she|it|that|there|here|what|who|let)['’](?:m|re|ve|ll|d|s)"
)
_SPEECH_AFTER = re.compile(r"[ \t]*:[ \t]*[\"“'‘]")
# what stands between two names NER ran together: an arrow, a plus, "v." or "vs." ("Herzog →
# Lynge", "kaja + astrid", "Halim v. Dodson Ltd")
_BETWEEN_NAMES = re.compile(r"[ \t](?:→|↔|⇒|->|<->|\+|v\.|vs\.?)[ \t]")


class PdmapNerRecognizer(LocalRecognizer):
    SCORES: ClassVar[dict[str, float]] = {"PERSON": 0.85, "LOCATION": 0.7}

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=list(self.SCORES),
            supported_language=language,
            name="PdmapNerRecognizer",
        )

    def load(self) -> None:
        """The pipelines are loaded by the NLP engine; the word lists the clean-up reads are
        read now (Presidio calls this when the recognizer is built), so that forked workers
        share them."""
        person_names()
        common_vocabulary()
        place_names()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, NerArtifacts):
            return []
        results = []
        # a text typed without capitals (lowercase_prose) may hold lower-case names
        lowercase_text = bool(nlp_artifacts.mentions) and not any(ch.isupper() for ch in text)
        for mention, (piece_start, piece_end) in (
            (m, piece) for m in nlp_artifacts.mentions for piece in _pieces(text, m.start, m.end)
        ):
            if mention.label not in self.SCORES or (entities and mention.label not in entities):
                continue
            span = _clean(text, piece_start, piece_end)
            if span is None:
                continue
            start, end = span
            if mention.label == "PERSON":
                start = _without_lead_words(text, start, end, lowercase_text)
                end = _without_tail_words(text, start, end, lowercase_text)
                start, end = _whole_name(text, start, end)
                if (
                    _on_a_product_line(text, start)
                    or _SQL_NAME_BEFORE.search(text, max(0, start - 12), start) is not None
                    or _no_person(text, start, end, lowercase_text)
                    or _a_place_after_a_place(text, start, end, nlp_artifacts.mentions)
                    or _a_company_line(text, start, end)
                ):
                    continue
            score = self.SCORES[mention.label]
            results.append(
                recognizer_result(
                    self, mention.label, (start, end), score, f"NER ({nlp_artifacts.language})"
                )
            )
        if not entities or "PERSON" in entities:
            conjuncts = _conjuncts(text, results, nlp_artifacts.mentions, lowercase_text)
            if conjuncts:  # a place NER saw in a name beside a name is none, unless known
                results = [
                    r
                    for r in results
                    if r.entity_type != "LOCATION"
                    or place_names().knows(text[r.start : r.end])
                    or not any(s < r.end and r.start < e for s, e in conjuncts)
                ]
            results.extend(
                recognizer_result(self, "PERSON", span, CONJUNCT_SCORE, "and a name (NER)")
                for span in conjuncts
            )
            results.extend(
                recognizer_result(self, "PERSON", span, CONJUNCT_SCORE, "a list of names (NER)")
                for span in _list_members(text, results, nlp_artifacts.mentions)
            )
            results.extend(
                recognizer_result(self, "PERSON", span, CONJUNCT_SCORE, "a pair of names (NER)")
                for span in _name_pairs(text, results, nlp_artifacts.mentions)
            )
            if self.supported_language == "en" and not any(ch.isupper() for ch in text):
                results.extend(
                    recognizer_result(self, "PERSON", span, CONJUNCT_SCORE, "a given name (NER)")
                    for span in _lower_case_given_names(text, results, nlp_artifacts.mentions)
                )
            elif self.supported_language == "en":
                results.extend(
                    recognizer_result(self, "PERSON", span, CONJUNCT_SCORE, "a given name (NER)")
                    for span in _given_names(text, results, nlp_artifacts.mentions)
                )
        return results


def _conjuncts(
    text: str, results: list[RecognizerResult], mentions: list[Mention], lowercase_text: bool
) -> list[tuple[int, int]]:
    """Capitalised words joined by "and"/"&"/"och"/"or"/"eller" to a name NER found are a name
    too (``Marrero and [Anna Berg] were engineers``, ``[Anna] och Lindqvist``), unless NER
    calls them something else (a listed surname beside a full name or a listed surname, and
    one unknown word NER took for a place beside a full name, stay names whatever NER calls
    them), they are common words, or they fail the checks a mention must pass."""
    if _CONJUNCTION.search(text) is None:
        return []
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
    mentioned = [(m.start, m.end) for m in mentions]
    taken = list(people)
    people += find_names(text)  # a given name and surname from the lists count as a name too
    surnames = person_names().surnames
    found: list[tuple[int, int]] = []
    for start, end in people:
        candidates = []
        if (before := _CONJUNCT_BEFORE.search(text, max(0, start - 60), start)) is not None:
            candidates.append(before.span("name"))
        if (after := _CONJUNCT_AFTER.match(text, end)) is not None:
            candidates.append(after.span("name"))
        for first, cand_end in candidates:
            cand_start = _without_lead_words(text, first, cand_end, lowercase_text)
            # NER's other label does not hold against a listed surname beside a full name or another
            # surname ("[Marrero] and Anna Berg were engineers", Marrero tagged ORG)
            word = text[cand_start:cand_end]
            overridden = (
                word.lower() in surnames
                and (" " in text[start:end] or text[start:end].lower() in surnames)
            ) or (
                # nor a place NER saw in one unknown word beside a full name ("Kevin Sas and
                # [Ainsboro]", "Victoria Kamp or [Beran]"): people are joined to people
                " " in text[start:end]
                and " " not in word
                and not place_names().knows(word)
                and word.lower() not in common_vocabulary()
                and all(
                    m.label == "LOCATION"
                    for m in mentions
                    if m.start < cand_end and cand_start < m.end
                )
            )
            blocked = ([] if overridden else mentioned) + taken + found
            if (
                any(s < cand_end and cand_start < e for s, e in blocked)
                or _no_person(text, cand_start, cand_end, lowercase_text)
                or _NUMBER_AFTER.match(text, cand_end) is not None  # "and Rúa do Paseo 46"
            ):
                continue
            found.append((cand_start, cand_end))
    return found


def _name_pairs(
    text: str, results: list[RecognizerResult], mentions: list[Mention]
) -> list[tuple[int, int]]:
    """Two bare words joined by "and" are two people when one is a listed surname and the
    other no common word no list knows (``Marrero and Murphy were precision engineers``,
    ``Torpy and Salinas``), whatever NER calls them: it calls such pairs a firm, but a firm
    named after two people is rarely written so (Faker's firms are ``Hill LLC``, ``Hill-Mann``
    and ``Hill, Park and Mann``). Not where a firm stands (``at Torpy and Salinas``), before a
    company form (``... Ltd``), inside a longer mention NER found (``Marks and Spencer
    Group``), when both are common words (``Black and White``; also ``Park and Mann``, whose
    words are common in the word lists) or when either fails the checks a mention must
    pass."""
    if " and " not in text:
        return []
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
    others = [(r.start, r.end) for r in results if r.entity_type != "PERSON"]
    surnames = person_names().surnames
    found: list[tuple[int, int]] = []
    for pair in _PAIR.finditer(text):
        words = [pair.span(1), pair.span(2)]
        if (
            where_a_firm_stands(text, pair.start())
            or _CAPITALISED_BEFORE.search(text, max(0, pair.start() - 40), pair.start())
            or _COMPANY_AFTER.match(text, pair.end()) is not None
            or any(s < pair.start() or pair.end() < e for s, e in _overlapping(mentions, pair))
            or any(s < pair.end() and pair.start() < e for s, e in others)
        ):
            continue
        lowered = [text[start:end].lower() for start, end in words]
        if (
            not any(word in surnames for word in lowered)
            or any(_no_person(text, start, end) for start, end in words)
            or any(common_unlisted(word) for word in lowered)
            or all(word in common_vocabulary() for word in lowered)  # "Black and White"
        ):
            continue
        found.extend(
            (start, end)
            for start, end in words
            if not any(s < end and start < e for s, e in people + found)
        )
    return found


def _given_names(
    text: str, results: list[RecognizerResult], mentions: list[Mention]
) -> list[tuple[int, int]]:
    """A listed given name that is no common word, mid-sentence, is a name NER missed (``Why is
    Natasja so impulsive?``, ``A tribute to Vilmer Holmberg``), with a capitalised word after
    it that is a listed name or no common word as its surname; at a sentence's or a line's
    start (where every word is capitalised) only one listed word, given name or surname, that
    no place has and that does something (``Gábor returns home``, ``Sutton said``); never
    inside anything NER found, or when it fails the checks a mention must pass (a place, a
    street, a firm)."""
    names = person_names()
    taken = [(r.start, r.end) for r in results] + [(m.start, m.end) for m in mentions]
    found: list[tuple[int, int]] = []
    for match in _GIVEN_NAME.finditer(text):
        start, end = match.span(1)
        word = match.group(1).lower()
        if (
            word in common_vocabulary()
            or word in common_words()
            or any(s < match.end() and start < e for s, e in taken)
        ):
            continue
        if _SENTENCE_START.search(text, max(0, start - 4), start) is not None:
            # where every word is capitalised, a listed name no place has, one word, that
            # does something ("Gábor returns home", "Portillo moved to Angola")
            if (
                match.group(2) is not None
                or not names.knows(word)
                or place_names().knows(word)
                or _VERB_AFTER.match(text, end) is None
            ):
                continue
        elif word not in names.given:
            continue
        surname = match.group(2)
        if surname is not None and not common_unlisted(surname.lower()):
            end = match.end(2)
        if not _no_person(text, start, end):
            found.append((start, end))
    return found


def _lower_case_given_names(
    text: str, results: list[RecognizerResult], mentions: list[Mention]
) -> list[tuple[int, int]]:
    """In English typed without capitals, a listed given name, or a listed surname of four
    letters or more, that is no common word is a name NER missed (``thanks so much, elvíra``,
    ``cheers,\nindrek``, ``wait ruth and hamaguchi broke up``); not ``mark`` or ``grace``,
    which are words too, nor a key (``"ean": ...``), nor after a street word (``via tasso``),
    nor inside anything found, nor a place; with the word after it as its surname when that is
    no common word (``dyan van gijn``, ``eirik amundsen-arnesen``; not ``jip made``), and a
    surname with the given name and initial before it (``emidio p lombardo``)."""
    names = person_names()
    taken = [(r.start, r.end) for r in results] + [(m.start, m.end) for m in mentions]
    found: list[tuple[int, int]] = []
    for match in _LOWER_WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        given = word in names.given
        if (
            (not given and (word not in names.surnames or len(word) < 4))
            or word in common_vocabulary()
            or word in common_words()
            or any(s < end and start < e for s, e in taken + found)
            or _KEY_AFTER.match(text, end) is not None
            or _STREET_WORD_BEFORE.search(text, max(0, start - 12), start) is not None
        ):
            continue
        if (surname := _LOWER_SURNAME_AFTER.match(text, end)) is not None and not (
            surname.group(1) in common_vocabulary() or surname.group(1) in common_words()
        ):
            end = surname.end()
        before = None if given else _LOWER_GIVEN_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and not any(
            w in common_vocabulary() or w in common_words() for w in _WORDS.findall(before.group(1))
        ):
            start = before.start(1)  # a surname's given name and initial ("emidio p lombardo")
        if not _no_person(text, start, end, lowercase_text=True):
            found.append((start, end))
    return found


def _overlapping(mentions: list[Mention], match: re.Match[str]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions if m.start < match.end() and match.start() < m.end]


def _list_members(
    text: str, results: list[RecognizerResult], mentions: list[Mention]
) -> list[tuple[int, int]]:
    """The one-word members of a list of people are names (``Team B: Nitesh, Randi, Mária``,
    ``Present: Sarah, Gerónimo, Hannu``): a list of three or more capitalised words joined by
    commas (and a last "and"/"&"/"och") is one of people when at least half of its members,
    and two or more, are names NER found or listed given names that are no stop words, and
    none is a common word no name list knows; its other members are then names too, unless
    NER calls them something else or they fail the checks a mention must pass (a place, a
    firm's three surnames)."""
    if text.count(",") < 2 and _CONJUNCTION.search(text) is None:
        return []
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
    taken = [(m.start, m.end) for m in mentions if m.label != "PERSON"] + people
    given = person_names().given
    found: list[tuple[int, int]] = []
    for match in _NAME_LIST.finditer(text):
        items = [item for item in _LIST_ITEM.finditer(match.group()) if item.group()[:1].isupper()]
        if len(items) < 3 or len(items) < len(_LIST_ITEM.findall(match.group())):
            continue
        spans = [(match.start() + i.start(), match.start() + i.end()) for i in items]
        seeds = sum(
            1
            for (start, end), item in zip(spans, items, strict=True)
            if any(s <= start and end <= e for s, e in people)
            or (item.group().lower() in given and item.group().lower() not in common_words())
        )
        if seeds < 2 or 2 * seeds < len(items):
            continue
        if any(common_unlisted(item.group().lower()) for item in items):
            continue  # "Rose, Violet, Red and Blue", "Billing, Refund, Anna, Urgent"
        for start, end in spans:
            if any(s < end and start < e for s, e in taken + found) or _no_person(text, start, end):
                continue
            found.append((start, end))
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A mention that runs from a speaker's name into what they say (``Elizabeth:"I'm
    Amanda``) is two: the speaker, and the words after the quote mark; so is one that runs
    across an arrow, a plus or a "v." (``Herzog → Lynge``, ``Halim v. Dodson Ltd``)."""
    cuts = [*_SPEECH_AFTER.finditer(text, start, end), *_BETWEEN_NAMES.finditer(text, start, end)]
    pieces = []
    for cut in sorted(cuts, key=lambda cut: cut.start()):
        if cut.start() >= start:  # (a cut inside the previous one's marks is none)
            pieces.append((start, cut.start()))
            start = cut.end()
    return [*pieces, (start, end)]


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    if (name_end := _NAME_END.search(text, start, end)) is not None:
        end = name_end.start()  # "John Vũ - Chief ...", "Duval et al.": no name holds them
    value = text[start:end]
    trimmed = _TRIM.sub("", value)
    lead = _LEAD.match(trimmed)
    skip = lead.end() if lead else 0
    if len(trimmed) - skip < 2:
        return None
    return start + skip, start + len(trimmed)


def _no_person(text: str, start: int, end: int, lowercase_text: bool = False) -> bool:
    """The checks every PERSON candidate passes, an NER mention, a conjunct or a list's
    member: no implausible name, place, facility, place's or street's name, or word no name
    is."""
    return (
        not _plausible_name(text, start, end, lowercase_text)
        or _a_place(text, start, end)
        or _a_facility_or_place(text, start, end)
        or a_place_name(text[start:end])
        or _not_a_name_word(text, start, end)
    )


def _a_speaker(text: str, start: int, end: int) -> bool:
    """A name NER found before a colon where a label could start is a speaker, not a field
    label, at a line's start (after a role word, ``Agent Diana:``) with words said after it
    (``Csonka: Can you hear me now?``, ``Hirai: pushed the fix``); no word of it common text
    or without a vowel."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].strip(_LINE_MARKS).lower()
    if head and head not in _ROLE_WORDS:
        return False
    words = text[start:end].lower().split()
    if any(common_unlisted(word) or _VOWEL.search(word) is None for word in words):
        return False  # "Summary:", "Prscrptns:"
    return _SAID.match(text, end) is not None


def _plausible_name(text: str, start: int, end: int, lowercase_text: bool = False) -> bool:
    """False for what NER often calls a person but is not: labels (``E-post:``), companies
    (``... AB``), role words (``Hej Kundtjänst``), digits and all-caps tokens; a name without
    a capital only in a text written without any; a word of three letters or more without a
    vowel (``Crdt``, ``Cntct``; not ``Lynn`` or ``MD``)."""
    value = text[start:end]
    if _NOT_A_NAME.search(value) or "\n" in value or "&" in value:
        return False
    if value.isupper() or not (lowercase_text or any(ch.isupper() for ch in value)):
        return False
    if (
        _LABEL_AFTER.match(text, end)
        and _LABEL_BEFORE.search(text, max(0, start - 40), start) is not None
        and not _a_speaker(text, start, end)
    ) or _COMPANY_AFTER.match(text, end):
        return False
    words = value.split()
    if _COMPANY_SUFFIX.fullmatch(words[-1]):
        return False
    if any(_NO_VOWEL.fullmatch(word) for word in words):
        return False  # "Crdt crd is ...", "Wht D N A": words with their vowels left out
    if len(words) > 1:
        return True
    word = value.lower()
    return (
        word not in _NOT_NAMES
        and _CONTRACTION.fullmatch(word) is None
        and (word not in common_words() or word in _NAME_STOP_WORDS)
    )


def _without_lead_words(text: str, start: int, end: int, lowercase_text: bool) -> int:
    """The start of a PERSON mention after the words NER took in before the name: lower-case
    words in a text that has capitals (``pratade m. [Noah Eriksson]``; not the particles of
    ``van der Berg``), stop words (``Det Anna``; not a given name before a surname, ``Bara
    Stanić``), role words (``Handläggare [Tindra Malm]``) and, in a text without capitals, a
    common word no list knows before a listed or uncommon name (``ping [thomas]``, ``said
    [niyaga rajata]``), as long as a word is left."""
    words = list(_WORD_SPAN.finditer(text, start, end))
    names = person_names()
    kept = 0
    while kept < len(words) - 1:
        word = words[kept].group()
        bare = word.rstrip(".").lower()
        after = words[kept + 1].group().lower()
        lower_word = not lowercase_text and word.islower() and bare not in _PARTICLES
        # a common word no list knows, capitalised at a sentence's start, before a name: an
        # imperative ("Return [Darijo]'s drill", "Call [Anna]")
        opener = (
            kept == 0
            and not lowercase_text
            and common_unlisted(bare)
            and _SENTENCE_START.search(text, max(0, words[0].start() - 4), words[0].start())
            is not None
        )
        stop_word = (
            bare in common_words()
            and bare not in _GIVEN_NAME_STOP_WORDS
            # "[Bara Stanić]": a stop word that is a given name, before a surname
            and not (bare in names.given and after in names.surnames)
        ) or _CONTRACTION.fullmatch(bare) is not None
        # typed without capitals, a common word no list knows before a listed name: "[ping
        # thomas]" (not "nijito asano")
        chat_word = (
            lowercase_text
            and common_unlisted(bare)
            and (names.knows(after) or after not in common_vocabulary())
        )
        if not (
            lower_word
            or stop_word
            or chat_word
            or opener
            or bare in _NOT_NAMES
            or bare in _ROLE_WORDS
        ):
            break
        kept += 1
    return words[kept].start() if words else start


def _without_tail_words(text: str, start: int, end: int, lowercase_text: bool) -> int:
    """The end of a PERSON mention before the lower-case words NER ran on into in a text
    with capitals (``[John] albums``, ``[Fredrik Reinfeldt] besökte``, ``[Thorsen] joined
    Wilson``), or, in a text without capitals, the stop words and very frequent words no list
    knows (``[astrid] really said``; not ``ii``), as long as a word is left; not a name's
    particles."""
    words = list(_WORD_SPAN.finditer(text, start, end))
    if not lowercase_text:  # "[Thorsen] joined Wilson": a verb inside is where the name ends
        inner = [i for i, w in enumerate(words[1:-1], 1) if _NOT_A_NAME_PART.fullmatch(w.group())]
        if inner:
            words = words[: inner[0] + 1]
    while len(words) > 1 and words[-1].group().islower() and words[-1].group() not in _PARTICLES:
        last = words[-1].group()
        if lowercase_text and (
            person_names().knows(last)
            or last in _NAME_SUFFIXES
            or not (last in common_words() or last in frequent_vocabulary(VERY_FREQUENT_WORD_BINS))
        ):
            break
        if _NO_VOWEL.fullmatch(words.pop().group()):
            return end  # "Dvce lg hs": typed without vowels, no name (see _plausible_name)
    return words[-1].end() if words else end


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A name NER cut at a hyphen made whole: a hyphenated first name of six characters or more
    just before the mention (``Simon-Eric [Nilsson]``; not ``Wi-Fi``), and hyphenated parts
    after it, with the surname that follows them (``[Ing-Marie]-Ingrid Fredriksson``), and a
    hyphenated surname after a one-word mention (``[Hassan] Al-Sayed``), and a listed given
    name that is no common word just before a one-word mention (``Jouni [Hahli]``)."""
    if (before := _HYPHENATED_BEFORE.search(text, max(0, start - 40), start)) is not None:
        start = before.start()
    elif " " not in text[start:end] and (given := _given_name_before(text, start)) is not None:
        start = given  # "Jouni [Hahli]"
    if (after := _HYPHENATED_AFTER.match(text, end)) is not None:
        end = after.end()
        if " " not in text[start:end] and (surname := _SURNAME_AFTER.match(text, end)):
            end = surname.end()
    elif " " not in text[start:end] and (surname := _HYPHENATED_SURNAME.match(text, end)):
        end = surname.end()  # "[Hassan] Al-Sayed"
    return start, end


def _given_name_before(text: str, start: int) -> int | None:
    """Where a capitalised listed given name that is no common word or form of address
    stands right before ``start`` (one space between)."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return None
    word = before.group(1).lower()
    if (
        word not in person_names().given
        or word in common_words()
        or word in common_vocabulary()  # "North", "Captain", "Grace"
        or word in HONORIFICS
    ):
        return None
    return before.start(1)


def _a_place(text: str, start: int, end: int) -> bool:
    """A one-word "person" right after a locative word is a place (``i Lund``, ``in Austin``,
    ``the Austin conference``): people are not "in" anyone. Nor does anyone travel to or come
    from a person (``flew to Loeches``, ``originally from Mavčiče``, ``arrived at
    Ettelgem``), and a word after a house number and a comma is its town (``Storgatan 5,
    Saareküla``). But "the Virpi family" are people, and "the Mota original" is a person's
    work."""
    if _MOTION_BEFORE.search(text, max(0, start - 40), start) is not None and not text.startswith(
        ("'s", "’s"), end
    ):
        return True  # (but "arrived at Anna's" is at her place)
    if " " in text[start:end]:
        return False
    return (
        _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None
        and _KIN_AFTER.match(text, end) is None
    ) or _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 90), start) is not None


def _a_facility_or_place(text: str, start: int, end: int) -> bool:
    """A "person" that names a building, an institution or a company (``Novo Mesto Country
    Club``, ``Ellis Hospital``, ``Gröna Dalen Förskola``, ``Can Capital``), stands under a
    place label (``Where: Novo mesto``, ``Ort: Lund``) or after "university/city/... of" (``the
    university of københavn v``) is a place or an organisation."""
    last = text[start:end].rsplit(maxsplit=1)[-1].lower()
    if last in INSTITUTION_WORDS:
        return True
    after = _WORDS_AFTER.match(text, end)
    if after is not None and any(
        word is not None and word.lower() in INSTITUTION_WORDS for word in after.groups()
    ):
        return True
    return _PLACE_BEFORE.search(text, max(0, start - 24), start) is not None


def _a_company_line(text: str, start: int, end: int) -> bool:
    """One word that no name list knows, alone on the line after a line that holds only a
    name, is the company of an address block (``Astrid Björgvinsdóttir\nLawdragon\n66029
    ...``)."""
    if " " in text[start:end] or person_names().knows(text[start:end].lower()):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(_LINE_MARKS) or text[end:line_end].strip(" \t.,"):
        return False
    if line_start == 0:
        return False
    previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return _NAME_LINE.fullmatch(previous.strip(_LINE_MARKS)) is not None


def _a_place_after_a_place(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """A place's name that is a name too, after a place and a comma, is the place's region or
    country (``East Tylerborough, Georgia``, ``Port Anthonybury, Montserrat``)."""
    if not place_names().knows(text[start:end]):
        return False
    return any(
        m.label == "LOCATION" and m.end < start and _COMMA_GAP.fullmatch(text, m.end, start)
        for m in mentions
    )


def _not_a_name_word(text: str, start: int, end: int) -> bool:
    """Words no name is: an acronym compound (``Routerns MAC-adress``, ``IP-nummer``), one
    word written with a capital inside that no list knows (``MysticWeb``) or with a brand's
    ending (``Demystdata``, :func:`~scanner.recognizers.name_shapes.a_brand_name`), common
    words only (:func:`_common_words_only`), one of three bare surnames (a firm,
    :func:`~scanner.recognizers.name_shapes.in_a_firm_name`), alone and in no name list
    where an employer is named (``Anna Berg of Guidestar``, ``works at Factset``, ``joined
    Quantrix``) or said to be an organisation or a service (``Betterlesson is a 501(c)3``),
    alone a common word in a Title Case heading or title (``To Hate (But Secretly Love)``),
    alone a noun by its ending that is in neither name list (``Körning``, ``Warning``; not
    ``Henning``), an award or a work's title (``Salesperson of the Month``, ``Zoolander is a
    2017 ... film directed by``), or a "person" between a brand and a model number, a product
    (``Apple Watch Series 9``)."""
    value = text[start:end]
    if _ACRONYM_COMPOUND.search(value):
        return True
    if _CAMEL_CASE.fullmatch(value) and not person_names().knows(value.lower()):
        return True  # "MysticWeb", "PayPal": a brand (not McDonald, DeVito, LeBlanc)
    if a_brand_name(value):
        return True  # "Demystdata", "Nautilytics"
    if (
        _common_words_only(value)
        or in_a_firm_name(text, start, end)
        or a_firm_of_two_surnames(text, start, end)
    ):
        return True
    if (
        " " not in value
        and value.lower() in common_vocabulary()
        and _in_title_case(text, start, end)
    ):
        return True  # "Songs You're Supposed To Hate (But Secretly [Love])"
    if (
        " " not in value
        and not person_names().knows(value.lower())
        and (
            (
                _EMPLOYER_BEFORE.search(text, max(0, start - 60), start)
                and not _SOCIAL_AFTER.match(text, end)
            )
            or _ORGANISATION_AFTER.match(text, end)  # "Anna Berg of [Lexisnexis]"
            or _NOUN_ENDING.search(value.lower())  # "[Körning]"
        )
    ):
        return True
    if _TITLE_OF_A_WORK_AFTER.match(text, end) is not None:
        return True
    if _MODEL_NUMBER_AFTER.match(text, end) and (
        brand := _BRAND_BEFORE.search(text, max(0, start - 40), start)
    ):
        word = brand.group(1).lower()
        names = person_names()
        return not (word in common_words() or names.knows(word))
    return False


def _in_title_case(text: str, start: int, end: int) -> bool:
    """The mention sits in a stretch written in Title Case, a heading or the title of a work:
    the words around it on its line are all capitalised, and a function word among them
    (``To``, ``But``, ``Of``) is capitalised where no sentence starts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = _TITLE_WORD.findall(text, max(line_start, start - 60), start)[-3:]
    after = _TITLE_WORD.findall(text, end, min(line_end, end + 60))[:3]
    words = before + after
    if len(words) < 3 or not all(word[:1].isupper() for word in words):
        return False
    for match in _TITLE_WORD.finditer(text, max(line_start, start - 60), min(line_end, end + 60)):
        word = match.group()
        opens = text[line_start : match.start()].rstrip()
        if word.lower() in _FUNCTION_WORDS and opens and opens[-1] not in '.!?:"“':
            return True
    return False


def _common_words_only(value: str) -> bool:
    """Words of the language, none a name: every word of the mention (hyphen parts apart) is
    common in English or Swedish text (:func:`scanner.resources.common_vocabulary`) and none is
    in the name lists (``Battery``, ``Discipline``, ``Metallica``, ``Court``, ``Firmware``,
    ``Systembolaget``; not ``Anna``, ``Rose`` or an unknown ``Yefremova``)."""
    words = [w.lower() for w in _NAME_WORDS.findall(value)]
    return bool(words) and all(common_unlisted(w) for w in words)


def _on_a_product_line(text: str, start: int) -> bool:
    """A "person" on a line labelled as a product (``Artikel: Philips Hue Starter Kit``,
    ``Product: Electrolux UltimateCare 700``) is part of a product name."""
    line_start = text.rfind("\n", 0, start) + 1
    return _PRODUCT_LABEL.match(text, line_start, start) is not None


_PRODUCT_LABEL = re.compile(
    r"[ \t>*\-]*(?i:artikel|produkt|product|vara|modell|model|enhet|device|item|sku)"
    r"(?:[ \t]?(?:name|namn|nr|no))?[ \t]*:"
)
_WORD_SPAN = re.compile(r"\S+")
# lower-case name particles (``Ludwig van Beethoven``, ``Carl af Klint``)
# what may follow a name ("kevin veitonen ii", "giovanna rodrigues md")
_NAME_SUFFIXES = frozenset({"ii", "iii", "iv", "jr", "sr", "md", "phd", "dds", "esq"})
# a lower-case word of four letters or more that is no particle: no part of a name
_NOT_A_NAME_PART = re.compile(r"[a-zåäöéü][a-zåäöéü'’\-]{3,}")
_PARTICLES = frozenset(
    {"af", "av", "von", "van", "der", "den", "de", "da", "del", "di", "la", "le"}
)
_NAME_PART = r"[A-ZÅÄÖÉÜ][a-zåäöéüø]+"
_HYPHENATED_BEFORE = re.compile(rf"(?<![\w\-])(?=[\w\-]{{6}})(?:{_NAME_PART}-)+{_NAME_PART} $")
_WORD_BEFORE = re.compile(rf"(?<![\w\-'’@#./])({_CONJUNCT_WORD})[ ]$")
_HYPHENATED_AFTER = re.compile(rf"(?:-{_NAME_PART})+(?![\w\-])")
_SURNAME_AFTER = re.compile(rf" {_NAME_PART}(?![\w\-])")
_HYPHENATED_SURNAME = re.compile(rf" (?=[\w\-]{{6}})(?:{_NAME_PART}-)+{_NAME_PART}(?![\w\-])")
# "SELECT * FROM Users WHERE ...", "UPDATE Customers SET": a table, not a person
_SQL_NAME_BEFORE = re.compile(r"(?<![\w\-])(?:FROM|JOIN|INTO|UPDATE|TABLE)[ \t]+$")
# the next one or two capitalised words after a mention ("[Novo Mesto] Country Club")
_WORDS_AFTER = re.compile(r"[ \t]+([A-ZÅÄÖ][\w\-]*)(?:[ \t]+([A-ZÅÄÖ][\w\-]*))?")
# the words of a mention, hyphen parts apart ("Hanna-Linnéa" is two listed names)
_NAME_WORDS = re.compile(r"[^\W\d_]{2,}")
# one word with a capital inside, not after a surname prefix: a brand's way of writing
_CAMEL_CASE = re.compile(
    r"(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz|St|O['’]))[A-ZÅÄÖ][a-zåäöéü]+[A-ZÅÄÖ][\w]*"
)
_ACRONYM_COMPOUND = re.compile(r"(?<![\w\-])[A-ZÅÄÖ]{2,}-[a-zåäö]")
_NOUN_ENDING = re.compile(r"(?:ning|ningen|else|elsen|heten|tion|tionen|skap|skapet|ande|ende)$")
# "[Salesperson] of the Month", "[Zoolander] is a 2017 Polish action-comedy film": an award
# or a work's title
_TITLE_OF_A_WORK_AFTER = re.compile(
    r"[ \t]+of[ \t]+the[ \t]+(?:Month|Year|Week|Day)\b"
    r"|[ \t]+(?:is|was)[ \t]+an?[ \t]+(?:[\w\-]+[ \t]+){0,4}"
    r"(?:film|movie|album|song|single|novel|book|series|sitcom|show|documentary|musical|opera"
    r"|play|video\s+game|game|painting|poem|band|novella)"
    # ... where the clause ends or goes on about the work ("a film directed by", not "a film
    # director")
    r"(?=[ \t]*(?:[.,;:!?()]|$)|[ \t]+(?:directed|written|produced|released|by|from|about"
    r"|starring|that|which|in|of)\b)"
)
# the words of a line in Title Case, and the function words that give it away
_TITLE_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]+")
_FUNCTION_WORDS = frozenset(
    "to but of the and in for on at with from by or a an is are you your it".split()  # noqa: SIM905
)
# where someone works: "Anna Berg of [Guidestar]", "CEO of", "works at", "joined"; a word no
# name list knows there is the employer
_EMPLOYER_BEFORE = re.compile(
    r"(?<![\w\-])(?:[A-ZÅÄÖ][\w\-]+[ ][A-ZÅÄÖ][\w\-]+[ ]of"
    r"|(?i:ceo|cto|cfo|coo|founder|co-founder|president|chairman|chairwoman|chair|director"
    r"|head|vp|partner|employee|employees|staff|intern)[ ](?i:of|at)"
    r"|(?i:works?|worked|working|employed|job|interning|consults?|consulting)[ ](?i:at|for|by)"
    r"|(?i:joined|joins|joining|anställd[ ]på|jobbar[ ](?:på|för)|arbetar[ ](?:på|för)))[ ]$"
)
# "joined Tomomi for lunch": company kept, not an employer
_SOCIAL_AFTER = re.compile(r"[ \t]+for[ \t]+(?i:lunch|dinner|coffee|a|breakfast)\b")
# "[Betterlesson] is a 501(c)3 that ...", "[Quantrix], a startup from Lund": said to be an
# organisation or a service (not "a company director")
_ORGANISATION_AFTER = re.compile(
    r"(?:[ \t]+(?:is|was)|,)[ \t]+(?:an?|the)[ \t]+(?:[\w\-]+[ \t]+){0,3}"
    r"(?i:company|startup|start-up|nonprofit|non-profit|501\(c\)\(?3\)?|charity|platform|app"
    r"|service|brand|firm|agency|organi[sz]ation|business|provider|marketplace|website|retailer"
    r"|manufacturer|publisher|consultancy|företag|bolag|tjänst|plattform|förening)"
    r"(?![\w\-]|[ \t]+(?i:director|owner|founder|employee|manager|executive|lawyer|worker"
    r"|officer|president|ceo|partner|man|woman|person|chef|ägare|anställd)\b)"
)
# "Apple [Watch Series] 9": a capitalised word that is no name right before, mid-sentence,
# and a model number after
_BRAND_BEFORE = re.compile(r"(?<=[\w,][ ])([A-Z][\w\-]+)[ ]$")
_MODEL_NUMBER_AFTER = re.compile(r"[ ]\d{1,3}(?![\d.:/\-])")
_PLACE_BEFORE = re.compile(
    r"(?<![\w\-])(?:(?i:where|location|venue|place|city|town|country|plats|ort|stad|land)"
    r"[ \t]*:[ \t]*|(?i:university|city|town|state|province|county|region|republic|kingdom"
    r"|municipality|village|district|port|island|isle|lake|bay|gulf)[ \t]+of[ \t]+)$"
)
_LOCATIVE_BEFORE = re.compile(r"(?<![\w\-])(?:i|in|the|The)[ \t]+$")
# "the Virpi family", "the Berg twins", "the Mota original": people and their work, not a place
_KIN_AFTER = re.compile(
    r"[ \t]+(?:family|families|household|twins|brothers|sisters|siblings|children|kids"
    # ... and a person's work: "the Szczepańska tour", "the Mota original"
    r"|version|original|cover|song|songs|album|albums|record|records|single|tour"
    r"|documentary|biopic|biography|interview|novel|novels|estate)\b"
)
# travelling to, coming from: "flew to", "moved here from", "originally from", "arrived at",
# "reste till", "flyttade från"
# ("moved to Anna", "kom från Anna" may be a ticket handed to, or a mail from, a person)
_MOTION_BEFORE = re.compile(
    r"(?<![\w\-])(?:(?i:travel(?:l)?(?:ing|ed|s)?|flew|fly(?:ing)?|relocat\w*|emigrat\w*"
    r"|immigrat\w*|arriv\w*|originally|hails?|sailed|reste|reser|flög|flyger|ursprungligen)"
    r"|(?i:moved|moving|flyttade|flyttar)[ \t]+(?i:here|there|back|hit|dit|hem|tillbaka))"
    r"[ \t]+(?i:to|from|at|in|till|från|i)[ \t]+$"
)
# "Storgatan 5, [Saareküla]", "Main Street 12, [Springfield]": a street, a house number and
# a comma (not "Order 55123, [Anna] called")
_HOUSE_NUMBER_BEFORE = re.compile(
    r"(?i:gatan|gata|vägen|väg|gränd|torget|stigen|allén|backen|straße|strasse|straat|weg"
    r"|laan|katu|tie|vej|veien|gate|gade|street|st\.|road|rd\.|avenue|ave\.|lane|drive"
    r"|boulevard|way|ulica|utca|str\.)[ ]\d{1,5}[A-Za-z]?,[ \t]+$"
    # ... or any house number after an address cue: "lives at Pärna 33, [Saareküla]"
    r"|(?i:lives?\sat|living\sat|located\sat|address\sis|address:|bor\spå|adress:)"
    r"[^.\n]{1,60}\d{1,5}[A-Za-z]?,[ \t]+$"
)

_COMMA_GAP = re.compile(r",[ \t]*")
# a line of two to four capitalised words, a name's line; and the marks before a line's text
# in quoted or pasted blocks ("> ", "??? ")
_NAME_LINE = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*[ ]){1,3}[A-ZÀ-ÖØ-Þ][\w'’\-]+")
_LINE_MARKS = " \t>?*-"
# where a name ends: a spaced dash ("John Vũ - Chief Executive Officer"), "et al."
_NAME_END = re.compile(r"[ \t][\-–—][ \t]|[ \t]et[ \t]al\b")
# "E-post: ..." is a field label; "Elizabeth: \"I'm ...\"" is a speaker, which stays a name.
# where a field label starts: a line's start, after line marks, a separator or a sentence's end
# ("credited to Charlotte Mathiassen: a fool ..." is no label)
_LABEL_BEFORE = re.compile(r"(?:^|[\n|;,.!?()\[\]{}\"'>*\-])[ \t]*$")
_LABEL_AFTER = re.compile(r"[ \t]*:(?![ \t]*[\"“'])")
# a Latin word of three letters or more, not in capitals, without a vowel ("y" is one: Lynn)
_NO_VOWEL = re.compile(r"(?i:[b-df-hj-np-tv-xz])(?:[b-df-hj-np-tv-xz]){2,}[.,]?")
_VOWEL = re.compile(r"[aeiouyåäöæøéèáàíóúüœ]")
# what a speaker says: three words or more after the colon, on the same line
_SAID = re.compile(r"[ \t]*:[ \t]*(?:[^\W\d_][\w'’\-]*[,.!?…]*[ \t]+){2,}[^\W\d_]")
_COMPANY_SUFFIX = re.compile(
    r"(?i:AB|HB|KB|Inc\.?|Ltd\.?|LLC|GmbH|Oy|Oyj|AS|ASA|ApS|AG|SA|BV|NV|plc|Corp\.?)"
)
_COMPANY_AFTER = re.compile(r"[ \t]*&|[ \t]+" + COMPANY_FORM + r"\b")
# Roles and forms of address written before a name ("Handläggare Tindra Malm", "Lady Satu").
_ROLE_WORDS = frozenset(
    """sir dame lady lord
    handläggare handläggaren kundansvarig kontaktperson ansvarig chef vd ordförande
    sekreterare läkare doktor sjuksköterska advokat revisor konsult mäklare projektledare
    säljaren teknikern kundtjänstmedarbetare medarbetare kollega kollegan agent advisor
    consultant manager director engineer technician officer assistant clerk caseworker
    guitarist drummer bassist singer vocalist pianist violinist composer songwriter producer
    actor actress author writer poet painter photographer striker goalkeeper midfielder
    defender quarterback pitcher
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Stop words that are given names too: a one-word "Per" or "Hans" stays a person.
_NAME_STOP_WORDS = frozenset({"per", "will", "may", "else", "my", "hans"})
# ... and stop words that start a full name often enough not to be cut from one ("Inga Lind")
_GIVEN_NAME_STOP_WORDS = _NAME_STOP_WORDS | {"dag", "dina", "inga", "mina", "sina", "alla", "vi"}
_NOT_NAMES = (
    frozenset(
        """kundtjänst kundservice support supporten team teamet admin administratör hej hejsan
    tack reg avtalet avtal fakturan faktura kassan ordern beställning leverans leveransen
    kunden kund användare användaren tekniker säljare styrelsen ledningen ekonomi
    redovisning customer service sales billing team admin dear hello thanks regards manager
    dr mr mrs ms mx miss prof sir madam herr fru fröken
    """.split()  # noqa: SIM905 - a word list reads best as text
    )
    | HONORIFICS
)
